using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CustomerView.Http2.Frames;
using CustomerView.Http2.Hpack;

namespace CustomerView.LoadTool;

/// <summary>
/// A deliberately small HTTP/2 (h2c, prior knowledge) client for unary gRPC calls, for the open-loop generator: it
/// costs a few microseconds a call where a full HTTP client costs tens, so the generator is not what limits the rate.
/// Single-threaded: one thread (the open-loop dispatcher) queues calls, sends them in one write per batch, and polls
/// for responses without blocking, recording each call's latency from its scheduled time when its trailers are read.
/// No thread per connection and no wake-up per response, so the generator stays light on a small machine.
/// </summary>
/// <remarks>
/// What it relies on, and checks: the server honours SETTINGS_HEADER_TABLE_SIZE = 0 (so header blocks are
/// literals and static-table references, no dynamic table); the trailers are decoded with CustomerView.Http2's HPACK
/// decoder, and a block it cannot read counts the call as an error. It keeps the server's limits: at most
/// SETTINGS_MAX_CONCURRENT_STREAMS calls in flight and the connection's send window; calls beyond either wait in
/// order (their latency still counts from their scheduled time). Responses' messages are counted, not parsed.
/// </remarks>
internal sealed class H2Connection : IDisposable
{
    private const int HeaderSize = Http2FrameHeader.Size;
    private const int RingSize = 1 << 16;
    private const byte Data = 0, Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, WindowUpdate = 8, Continuation = 9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;

    private readonly HpackDecoder _decoder = new(maxTableSize: 0, maxHeaderListSize: 64 * 1024);
    private readonly GrpcStatusSink _status = new();
    private readonly Socket _socket;
    private readonly byte[] _headerBlock;
    private readonly Queue<(byte[] Body, long Scheduled)> _waiting = new();
    private readonly int[] _streamIds = new int[RingSize];
    private readonly long[] _scheduled = new long[RingSize];
    private readonly byte[] _in = new byte[1 << 18];
    private readonly List<byte> _block = [];
    private int _inLength;
    private int _blockStream;
    private bool _blockEnds;
    private byte[] _out = new byte[64 * 1024];
    private int _outLength;
    private int _nextStreamId = 1;
    private int _inFlight;
    private int _maxStreams = 100;
    private long _sendWindow = 65_535;
    private long _received;
    private bool _closed;
    private Sink? _sink;

    private H2Connection(Socket socket, string authority, string path)
    {
        _socket = socket;
        _headerBlock = HeaderBlock(authority, path);
    }

    /// <summary>Where a connection reports each call's outcome.</summary>
    public sealed class Sink(Histogram latency)
    {
        private long _completed;
        private long _errors;

        public Histogram Latency { get; } = latency;

        public long Completed => Interlocked.Read(ref _completed);

        public long Errors => Interlocked.Read(ref _errors);

        public void Complete(long scheduled, bool ok)
        {
            Latency.RecordStopwatchTicks(Stopwatch.GetTimestamp() - scheduled);
            if (!ok)
            {
                Interlocked.Increment(ref _errors);
            }

            Interlocked.Increment(ref _completed);
        }

        public void Lost(long count)
        {
            Interlocked.Add(ref _errors, count);
            Interlocked.Add(ref _completed, count);
        }
    }

    /// <summary>Calls in flight or waiting on this connection.</summary>
    public int Outstanding => _inFlight + _waiting.Count;

    /// <summary>Opens a connection to <paramref name="server"/> for calls to <paramref name="path"/>.</summary>
    public static H2Connection Open(Uri server, string path)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Parse(server.Host), server.Port));
        var connection = new H2Connection(socket, server.Authority, path);
        connection.Start();
        return connection;
    }

    /// <summary>Sets where outcomes go from now on (a run uses a fresh sink).</summary>
    public void Use(Sink sink) => _sink = sink;

    /// <summary>Queues a call with <paramref name="body"/> (a length-prefixed gRPC message) scheduled at <paramref name="scheduled"/>; sent on <see cref="Flush"/>.</summary>
    public void Enqueue(byte[] body, long scheduled)
    {
        if (_waiting.Count > 0 || !TryAppendCall(body, scheduled))
        {
            _waiting.Enqueue((body, scheduled));
        }
    }

    /// <summary>Sends what was queued, in one write.</summary>
    public void Flush() => SendPending();

    /// <summary>Fails every call still in flight or waiting (at the end of a run that waited long enough).</summary>
    public void Abandon()
    {
        var lost = _inFlight + _waiting.Count;
        _waiting.Clear();
        Array.Clear(_streamIds);
        _inFlight = 0;
        _sink?.Lost(lost);
    }

    public void Dispose()
    {
        _closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
    }

    private void Start()
    {
        // Our settings: no dynamic table, no push, the largest stream window; then open the connection window too.
        Span<byte> settings = stackalloc byte[18];
        WriteSetting(settings, 1, 0);
        WriteSetting(settings[6..], 2, 0);
        WriteSetting(settings[12..], 4, int.MaxValue);
        Append(Http2FrameReader.ClientPreface);
        AppendFrame(Settings, 0, 0, settings);
        AppendWindowUpdate(0, int.MaxValue - 65_535);
        SendPending();
        _socket.Blocking = false;
    }

    private bool TryAppendCall(byte[] body, long scheduled)
    {
        if (_closed || _inFlight >= _maxStreams || _sendWindow < body.Length)
        {
            return false;
        }

        var id = _nextStreamId;
        _nextStreamId += 2;
        var slot = (id >> 1) & (RingSize - 1);
        if (_streamIds[slot] != 0)
        {
            // A call 65,536 streams older still has no answer: count it lost.
            _inFlight--;
            _sink?.Lost(1);
        }

        _streamIds[slot] = id;
        _scheduled[slot] = scheduled;
        _inFlight++;
        _sendWindow -= body.Length;
        AppendFrame(Headers, EndHeaders, id, _headerBlock);
        AppendFrame(Data, EndStream, id, body);
        return true;
    }

    private void SendPending()
    {
        if (_outLength == 0 || _closed)
        {
            _outLength = 0;
            return;
        }

        try
        {
            var sent = 0;
            while (sent < _outLength)
            {
                sent += _socket.Send(_out.AsSpan(sent, _outLength - sent), SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    // The socket buffer is full: read what the server sent meanwhile, then wait until we can write.
                    Poll();
                    _socket.Poll(1000, SelectMode.SelectWrite);
                }
                else if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _closed = true;
        }

        _outLength = 0;
    }

    /// <summary>Reads and handles whatever the server has sent, without blocking.</summary>
    public void Poll()
    {
        if (_closed)
        {
            return;
        }

        while (true)
        {
            var read = _socket.Receive(_in.AsSpan(_inLength), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return;
            }

            if (error != SocketError.Success || read == 0)
            {
                _closed = true;
                return;
            }

            _inLength += read;
            var offset = 0;
            while (_inLength - offset >= HeaderSize)
            {
                var header = Http2FrameHeader.Read(_in.AsSpan(offset));
                var frameLength = header.Length;
                if (_inLength - offset < HeaderSize + frameLength)
                {
                    break;
                }

                HandleFrame((byte)header.Type, (byte)header.Flags, header.StreamId, _in.AsSpan(offset + HeaderSize, frameLength));
                offset += HeaderSize + frameLength;
            }

            _in.AsSpan(offset, _inLength - offset).CopyTo(_in);
            _inLength -= offset;
            SendPending();
        }
    }

    private void HandleFrame(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case Data:
                OnData(payload.Length);
                if ((flags & EndStream) != 0)
                {
                    Complete(stream, ok: false);
                }

                break;
            case Headers:
                payload = Unpad(payload, flags);
                if ((flags & Priority) != 0)
                {
                    payload = payload[5..];
                }

                if ((flags & EndHeaders) != 0)
                {
                    OnHeaders(stream, payload, (flags & EndStream) != 0);
                }
                else
                {
                    _block.Clear();
                    _block.AddRange(payload);
                    _blockStream = stream;
                    _blockEnds = (flags & EndStream) != 0;
                }

                break;
            case Continuation:
                _block.AddRange(payload);
                if ((flags & EndHeaders) != 0)
                {
                    OnHeaders(_blockStream, _block.ToArray(), _blockEnds);
                }

                break;
            case RstStream:
                Complete(stream, ok: false);
                break;
            case Settings:
                if ((flags & Ack) == 0)
                {
                    OnSettings(payload);
                }

                break;
            case Ping:
                if ((flags & Ack) == 0)
                {
                    AppendFrame(Ping, Ack, 0, payload);
                }

                break;
            case WindowUpdate:
                if (stream == 0)
                {
                    _sendWindow += BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF;
                    SendWaiting();
                }

                break;
            case GoAway:
                _closed = true;
                break;
        }
    }

    private void OnData(int frameLength)
    {
        _received += frameLength;
        if (_received >= 1 << 24)
        {
            AppendWindowUpdate(0, (int)_received);
            _received = 0;
        }
    }

    private void OnHeaders(int stream, ReadOnlySpan<byte> block, bool endStream)
    {
        if (endStream)
        {
            Complete(stream, GrpcStatusIsOk(block));
        }
    }

    private void OnSettings(ReadOnlySpan<byte> payload)
    {
        for (var i = 0; i + 6 <= payload.Length; i += 6)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
            var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
            if (id == 3)
            {
                _maxStreams = (int)Math.Min(value, 1000);
            }
        }

        AppendFrame(Settings, Ack, 0, []);
        SendWaiting();
    }

    private void Complete(int stream, bool ok)
    {
        var slot = (stream >> 1) & (RingSize - 1);
        if (_streamIds[slot] != stream)
        {
            return;
        }

        _streamIds[slot] = 0;
        _inFlight--;
        _sink?.Complete(_scheduled[slot], ok);
        if (_waiting.Count > 0)
        {
            SendWaiting();
        }
    }

    /// <summary>Queues calls that waited for a stream or for window, in order (sent with the next write).</summary>
    private void SendWaiting()
    {
        while (_waiting.TryPeek(out var call) && TryAppendCall(call.Body, call.Scheduled))
        {
            _waiting.Dequeue();
        }
    }

    private static ReadOnlySpan<byte> Unpad(ReadOnlySpan<byte> payload, byte flags) =>
        (flags & Padded) != 0 ? payload[1..^payload[0]] : payload;

    /// <summary>Whether a header block carries grpc-status 0 (a block HPACK cannot decode does not).</summary>
    private bool GrpcStatusIsOk(ReadOnlySpan<byte> block)
    {
        _status.Reset();
        try
        {
            return _decoder.Decode(block, _status) && _status.Ok;
        }
        catch (HpackException)
        {
            return false;
        }
    }

    /// <summary>Finds grpc-status in a decoded header block.</summary>
    private sealed class GrpcStatusSink : IHpackHeaderSink
    {
        public bool Ok { get; private set; }

        public void Reset() => Ok = false;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (name.SequenceEqual("grpc-status"u8))
            {
                Ok = value.SequenceEqual("0"u8);
            }
        }
    }

    /// <summary>The request header block: static-table references and literals without indexing, the same for every call.</summary>
    private static byte[] HeaderBlock(string authority, string path)
    {
        var block = new List<byte> { 0x83, 0x86 };  // :method POST, :scheme http
        Literal(block, 0x04, null, path);            // :path
        Literal(block, 0x01, null, authority);       // :authority
        block.AddRange([0x0F, 0x10]);                // content-type (static 31)
        AddString(block, "application/grpc");
        Literal(block, 0x00, "te", "trailers");
        Literal(block, 0x00, "x-cv-caller", "loadtool");
        return [.. block];

        static void Literal(List<byte> block, byte first, string? name, string value)
        {
            block.Add(first);
            if (name is not null)
            {
                AddString(block, name);
            }

            AddString(block, value);
        }

        static void AddString(List<byte> block, string value)
        {
            var bytes = Encoding.ASCII.GetBytes(value);
            if (bytes.Length >= 127)
            {
                throw new ArgumentException("header value too long for this client", nameof(value));
            }

            block.Add((byte)bytes.Length);
            block.AddRange(bytes);
        }
    }

    private static void WriteSetting(Span<byte> destination, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], value);
    }

    private void AppendWindowUpdate(int stream, int increment)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, increment);
        AppendFrame(WindowUpdate, 0, stream, payload);
    }

    /// <summary>Writes a frame (header and payload) at the start of <paramref name="destination"/>; the responder's frames too.</summary>
    internal static void WriteFrame(Span<byte> destination, byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        new Http2FrameHeader(payload.Length, (Http2FrameType)type, (Http2FrameFlags)flags, stream).Write(destination);
        payload.CopyTo(destination[HeaderSize..]);
    }

    private void AppendFrame(byte type, byte flags, int stream, ReadOnlySpan<byte> payload) =>
        WriteFrame(Reserve(HeaderSize + payload.Length), type, flags, stream, payload);

    private void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    private Span<byte> Reserve(int size)
    {
        if (_outLength + size > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outLength + size));
        }

        var span = _out.AsSpan(_outLength, size);
        _outLength += size;
        return span;
    }
}
