using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CustomerView.Http2.Frames;

namespace CustomerView.LoadTool;

/// <summary>
/// The open loop's machine floor: an HTTP/2 (h2c, prior knowledge) responder with no server framework that answers
/// every call with the same stored gRPC response. One thread per connection blocks in <c>recv</c>, handles every frame
/// that arrived, and sends all the answers in one <c>send</c>: one wake-up per batch of calls, nothing allocated per
/// call, no request parsed. What the node's p99 has above it is the cost of a real server (Kestrel, our gRPC layer,
/// the profile); what it has itself is the machine's and the client's: loopback, scheduling, the hypervisor.
/// </summary>
/// <remarks>
/// Only for <see cref="H2Connection"/>, which it checks: the client must grant a stream window at least as large as the
/// answer (the responder then tracks only the connection's window, and holds answers while it is spent), and the answer
/// must fit one frame of the default maximum size. It ignores request headers and bodies (it answers a stream when the
/// client ends it) and closes the connection on any protocol surprise: a wrong preface, a frame over the default
/// maximum size, a malformed PING or WINDOW_UPDATE, a header block split over CONTINUATION frames. Connections end
/// when the client closes them or with the process (their threads are background threads).
/// </remarks>
internal sealed class BareResponder : IDisposable
{
    private const int HeaderSize = Http2FrameHeader.Size;
    private const byte Data = 0, Headers = 1, Settings = 4, Ping = 6, GoAway = 7, WindowUpdate = 8;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;
    private const int MaxFrameSize = Http2Settings.MinMaxFrameSize;  // the default; neither side raises it

    // :status 200 (static index 8); content-type (static name 31) application/grpc, literal without indexing.
    private static readonly byte[] ResponseHeaders = [0x88, 0x0F, 0x10, 16, .. "application/grpc"u8];

    // grpc-status: 0, a literal with a new name, without indexing.
    private static readonly byte[] Trailers = [0x00, 11, .. "grpc-status"u8, 1, (byte)'0'];

    private readonly Socket _listener;
    private readonly byte[] _message;
    private long _answered;

    /// <summary>Listens on a free loopback port and answers every call with <paramref name="message"/> (an encoded protobuf message).</summary>
    public BareResponder(ReadOnlySpan<byte> message)
    {
        if (5 + message.Length > MaxFrameSize)
        {
            throw new ArgumentException($"The answer must fit one DATA frame of {MaxFrameSize} bytes.", nameof(message));
        }

        _message = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(_message.AsSpan(1), message.Length);
        message.CopyTo(_message.AsSpan(5));
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        new Thread(Accept) { IsBackground = true, Name = "responder-accept" }.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Calls answered so far.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    public void Dispose() => _listener.Dispose();

    private void Accept()
    {
        try
        {
            while (true)
            {
                var socket = _listener.Accept();
                socket.NoDelay = true;
                new Thread(() => Serve(socket)) { IsBackground = true, Name = "responder" }.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Serve(Socket socket)
    {
        using (socket)
        {
            var connection = new Connection(this);
            var input = new byte[1 << 18];
            var length = 0;
            try
            {
                connection.Frame(Settings, 0, 0, []);
                while (true)
                {
                    var read = socket.Receive(input.AsSpan(length));
                    if (read == 0)
                    {
                        return;
                    }

                    length += read;
                    var used = connection.Handle(input.AsSpan(0, length));
                    if (used < 0)
                    {
                        return;
                    }

                    input.AsSpan(used, length - used).CopyTo(input);
                    length -= used;
                    connection.SendTo(socket);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>One connection's protocol state: frames in, answers out, the connection's send window.</summary>
    private sealed class Connection(BareResponder owner)
    {
        private readonly Queue<int> _held = new();
        private byte[] _output = new byte[1 << 16];
        private int _outputLength;
        private bool _prefaceRead;
        private long _sendWindow = 65_535;
        private long _consumed;

        /// <summary>Handles the complete frames at the start of <paramref name="input"/>; returns the bytes used, or -1 to close.</summary>
        public int Handle(ReadOnlySpan<byte> input)
        {
            var offset = 0;
            if (!_prefaceRead)
            {
                var preface = Http2FrameReader.ClientPreface;
                if (input.Length < preface.Length)
                {
                    return 0;
                }

                if (!input[..preface.Length].SequenceEqual(preface))
                {
                    return -1;
                }

                offset = preface.Length;
                _prefaceRead = true;
            }

            while (input.Length - offset >= HeaderSize)
            {
                var header = Http2FrameHeader.Read(input[offset..]);
                var frameLength = header.Length;
                if (frameLength > MaxFrameSize)
                {
                    return -1;
                }

                if (input.Length - offset < HeaderSize + frameLength)
                {
                    break;
                }

                if (!OnFrame((byte)header.Type, (byte)header.Flags, header.StreamId, input.Slice(offset + HeaderSize, frameLength)))
                {
                    return -1;
                }

                offset += HeaderSize + frameLength;
            }

            if (_consumed >= 16 * 1024)
            {
                Span<byte> increment = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(increment, (int)_consumed);
                Frame(WindowUpdate, 0, 0, increment);
                _consumed = 0;
            }

            AnswerHeld();
            return offset;
        }

        public void SendTo(Socket socket)
        {
            var sent = 0;
            while (sent < _outputLength)
            {
                sent += socket.Send(_output.AsSpan(sent, _outputLength - sent));
            }

            _outputLength = 0;
        }

        public void Frame(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
        {
            if (_outputLength + HeaderSize + payload.Length > _output.Length)
            {
                Array.Resize(ref _output, Math.Max(_output.Length * 2, _outputLength + HeaderSize + payload.Length));
            }

            H2Connection.WriteFrame(_output.AsSpan(_outputLength), type, flags, stream, payload);
            _outputLength += HeaderSize + payload.Length;
        }

        private bool OnFrame(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
        {
            switch (type)
            {
                case Data:
                    _consumed += payload.Length;
                    if ((flags & EndStream) != 0)
                    {
                        _held.Enqueue(stream);
                    }

                    return true;
                case Headers:
                    if ((flags & EndHeaders) == 0)
                    {
                        return false;
                    }

                    if ((flags & EndStream) != 0)
                    {
                        _held.Enqueue(stream);
                    }

                    return true;
                case Settings:
                    return (flags & Ack) != 0 || OnSettings(payload);
                case Ping:
                    if (payload.Length != 8)
                    {
                        return false;
                    }

                    if ((flags & Ack) == 0)
                    {
                        Frame(Ping, Ack, 0, payload);
                    }

                    return true;
                case WindowUpdate:
                    if (payload.Length != 4)
                    {
                        return false;
                    }

                    if (stream == 0)
                    {
                        _sendWindow += BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF;
                    }

                    return true;
                case GoAway:
                    return false;
                default:
                    return true;
            }
        }

        private bool OnSettings(ReadOnlySpan<byte> payload)
        {
            for (var i = 0; i + 6 <= payload.Length; i += 6)
            {
                if (BinaryPrimitives.ReadUInt16BigEndian(payload[i..]) == 4 && BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]) < owner._message.Length)
                {
                    return false;  // a stream window this responder would have to track
                }
            }

            Frame(Settings, Ack, 0, []);
            return true;
        }

        private void AnswerHeld()
        {
            var message = owner._message;
            var answered = 0;
            while (_held.Count > 0 && _sendWindow >= message.Length)
            {
                var stream = _held.Dequeue();
                Frame(Headers, EndHeaders, stream, ResponseHeaders);
                Frame(Data, 0, stream, message);
                Frame(Headers, EndHeaders | EndStream, stream, Trailers);
                _sendWindow -= message.Length;
                answered++;
            }

            // One shared write per batch, not per answer: the floor should cost as little as it can.
            if (answered > 0)
            {
                Interlocked.Add(ref owner._answered, answered);
            }
        }
    }
}
