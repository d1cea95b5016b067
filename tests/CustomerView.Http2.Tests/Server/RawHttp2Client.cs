using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CustomerView.Http2.Frames;
using CustomerView.Http2.Hpack;

namespace CustomerView.Http2.Tests.Server;

/// <summary>One received frame.</summary>
internal sealed record RawFrame(Http2FrameHeader Header, byte[] Payload)
{
    public Http2FrameType Type => Header.Type;

    public int StreamId => Header.StreamId;

    /// <summary>The error code of a RST_STREAM, or of a GOAWAY.</summary>
    public Http2ErrorCode ErrorCode => (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(Type == Http2FrameType.GoAway ? 4 : 0));
}

/// <summary>A client that writes HTTP/2 frames byte by byte, to send what real clients never would.</summary>
internal sealed class RawHttp2Client : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    private RawHttp2Client(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    public static async Task<RawHttp2Client> ConnectAsync(int port, bool handshake = true, uint? initialWindowSize = null)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var client = new RawHttp2Client(tcp);
        if (handshake)
        {
            var settings = new ArrayBufferWriter<byte>();
            settings.Write(Http2FrameReader.ClientPreface);
            if (initialWindowSize is { } window)
            {
                Http2FrameWriter.WriteSettings(settings, [(Http2SettingId.InitialWindowSize, window)]);
            }
            else
            {
                Http2FrameWriter.WriteSettings(settings, []);
            }

            await client.SendAsync(settings.WrittenMemory);
            var first = await client.ReadFrameAsync();
            Assert.Equal(Http2FrameType.Settings, first!.Type);
            await client.SendAsync(Frame(w => Http2FrameWriter.WriteSettingsAck(w)));
        }

        return client;
    }

    /// <summary>A frame (or frames) written by <paramref name="write"/>.</summary>
    public static ReadOnlyMemory<byte> Frame(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenMemory;
    }

    /// <summary>An HPACK block for a request: pseudo-header fields first, then <paramref name="fields"/> as given.</summary>
    public static byte[] RequestBlock(string method, string path, params (string Name, string Value)[] fields)
    {
        var block = new ArrayBufferWriter<byte>();
        HpackEncoder.WriteLiteral(block, 2, Encoding.ASCII.GetBytes(method));
        HpackEncoder.WriteIndexed(block, 6);
        HpackEncoder.WriteLiteral(block, 4, Encoding.ASCII.GetBytes(path));
        HpackEncoder.WriteLiteral(block, 1, "localhost"u8);
        foreach (var (name, value) in fields)
        {
            HpackEncoder.WriteLiteral(block, Encoding.ASCII.GetBytes(name), Encoding.ASCII.GetBytes(value));
        }

        return block.WrittenSpan.ToArray();
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public Task SendHeadersAsync(int streamId, byte[] block, bool endStream) =>
        SendAsync(Frame(w => Http2FrameWriter.WriteHeaders(w, streamId, block, endStream, Http2Settings.MinMaxFrameSize)));

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<RawFrame?> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }

            var buffer = result.Buffer;
            var status = Http2FrameReader.TryRead(ref buffer, Http2Settings.MaxMaxFrameSize, out var header, out var payload);
            if (status == Http2FrameReadStatus.Frame)
            {
                var frame = new RawFrame(header, payload.ToArray());
                _reader.AdvanceTo(buffer.Start);
                return frame;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Frames until one matches, skipping SETTINGS, WINDOW_UPDATE and PING acknowledgements the test did not ask about.</summary>
    public async Task<RawFrame> ReadUntilAsync(Func<RawFrame, bool> match)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            Assert.NotNull(frame);
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Frames until the server closes the connection; the GOAWAY among them.</summary>
    public async Task<RawFrame?> ReadGoAwayAndCloseAsync()
    {
        RawFrame? goAway = null;
        while (await ReadFrameAsync() is { } frame)
        {
            if (frame.Type == Http2FrameType.GoAway)
            {
                goAway = frame;
            }
        }

        return goAway;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
