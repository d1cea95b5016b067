using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Grpc.Benchmarks;

/// <summary>The framing hot path: writing a message into a buffer writer, and reading it back from a pipe.</summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(64 * 1024);
    private StringValue _message = null!;
    private byte[] _frame = null!;

    [Params(0, 100, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = new StringValue { Value = new string('x', Size) };
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, _message);
        _frame = writer.WrittenMemory.ToArray();
    }

    [Benchmark]
    public int WriteMessage()
    {
        _writer.ResetWrittenCount();
        return GrpcFraming.WriteMessage(_writer, _message);
    }

    [Benchmark]
    public int TryReadFrame()
    {
        var buffer = new ReadOnlySequence<byte>(_frame);
        GrpcFraming.TryReadFrame(ref buffer, int.MaxValue, out var payload, out _);
        return (int)payload.Length;
    }

    [Benchmark]
    public async Task<string> ReadSingleMessage()
    {
        var reader = PipeReader.Create(new ReadOnlySequence<byte>(_frame));
        var message = await GrpcMessageReader.ReadSingleMessageAsync(reader, StringValue.Parser, new MessageReadOptions(int.MaxValue, null), CancellationToken.None);
        return message.Value;
    }
}
