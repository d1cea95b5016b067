using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CustomerView.Grpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// The gRPC framing hot path (src/CustomerView.Grpc): writing a message with its 5-byte frame header into a buffer
/// writer, and reading a frame back from a sequence or a pipe. Baselines: protobuf-writing and -parsing the same
/// message without a frame.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class FramingBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(64 * 1024);
    private StringValue _message = null!;
    private byte[] _frame = null!;
    private byte[] _payload = null!;

    /// <summary>The message's string length in bytes.</summary>
    [Params(0, 100, 10_000)]
    public int Size { get; set; }

    /// <summary>Builds the message and its frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = new StringValue { Value = new string('x', Size) };
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, _message);
        _frame = writer.WrittenMemory.ToArray();
        _payload = _message.ToByteArray();
    }

    /// <summary>Write baseline: the message's protobuf bytes into the buffer writer, no frame header.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write")]
    public int ProtobufWriteOnly()
    {
        _writer.ResetWrittenCount();
        _message.WriteTo(_writer);
        return _writer.WrittenCount;
    }

    /// <summary>The framed message into the buffer writer.</summary>
    [Benchmark]
    [BenchmarkCategory("write")]
    public int WriteMessage()
    {
        _writer.ResetWrittenCount();
        return GrpcFraming.WriteMessage(_writer, _message);
    }

    /// <summary>Read baseline: parsing the message's protobuf bytes alone.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read")]
    public string ProtobufParseOnly() => StringValue.Parser.ParseFrom(_payload).Value;

    /// <summary>Finding the frame in a sequence (header and payload slice, no parse).</summary>
    [Benchmark]
    [BenchmarkCategory("read")]
    public int TryReadFrame()
    {
        var buffer = new ReadOnlySequence<byte>(_frame);
        GrpcFraming.TryReadFrame(ref buffer, int.MaxValue, out var payload, out _);
        return (int)payload.Length;
    }

    /// <summary>Reading and parsing the single request message of a unary call from a pipe.</summary>
    [Benchmark]
    [BenchmarkCategory("read")]
    public async Task<string> ReadSingleMessage()
    {
        var reader = PipeReader.Create(new ReadOnlySequence<byte>(_frame));
        var message = await GrpcMessageReader.ReadSingleMessageAsync(reader, StringValue.Parser, new MessageReadOptions(int.MaxValue, null), CancellationToken.None);
        return message.Value;
    }
}
