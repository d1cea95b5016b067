using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using CustomerView.Http2.Frames;
using CustomerView.Http2.Hpack;
using CustomerView.Http2.Streams;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CustomerView.Http2.Server;

/// <summary>
/// One HTTP/2 server connection on Kestrel's transport (RFC 9113). One loop reads whole frames, keeps the HPACK decoder
/// and the streams, and runs each request's pipeline inline once the frames that arrived together are processed: a
/// request that completes synchronously has its response written before the loop reads on, and the loop flushes once
/// per read (and within it past <see cref="InBatchFlushBytes"/>). A handler waiting for request body the loop reads
/// later resumes on the loop too (<see cref="Http2LoopScheduler"/>); requests waiting on anything else finish on their
/// own threads, writing through the same locked output.
/// </summary>
internal sealed partial class Http2Connection : IHttpConnectionFeature, IDisposable
{
    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS this end announces.</summary>
    public const int MaxConcurrentStreams = 100;

    /// <summary>Each stream's receive window (SETTINGS_INITIAL_WINDOW_SIZE this end announces).</summary>
    public const int StreamWindowSize = 768 * 1024;

    /// <summary>The connection's receive window.</summary>
    public const int ConnectionWindowSize = 1024 * 1024;

    /// <summary>SETTINGS_MAX_HEADER_LIST_SIZE this end announces and enforces (a larger request gets 431).</summary>
    public const int MaxHeaderListSize = 32 * 1024;

    /// <summary>The most compressed header block (HEADERS and its CONTINUATIONs) this end takes before ENHANCE_YOUR_CALM.</summary>
    public const int MaxHeaderBlockSize = 64 * 1024;

    /// <summary>The largest frame payload this end takes (the protocol's default; this end never raises it).</summary>
    public const int MaxFrameSize = Http2Settings.MinMaxFrameSize;

    private const int RememberedClosedStreams = 256;

    /// <summary>
    /// Answers written inline past this many bytes are flushed before the batch's remaining requests run. Each flush is
    /// a send, and on loopback a send also pays the receiver's side of TCP: at 16 KiB, a batch of sixteen 3.7 KB
    /// GetProfile answers took four sends, and a no-op answering as many bytes cost the node 6.0–7.2 µs per call against
    /// 4.3–5.2 µs at 64 KiB and 256 KiB (paired h2load runs, 11-24). 64 KiB still sends a loop's answers in
    /// slices of about 17 profiles when it fell behind and read hundreds of requests at once.
    /// </summary>
    private const int InBatchFlushBytes = 64 * 1024;

    private readonly ConnectionContext _context;
    private readonly Http2Application _application;
    private readonly ILogger _logger;
    private readonly PipeReader _input;
    private readonly Http2Output _output;
    private readonly HpackDecoder _decoder = new(4096, MaxHeaderListSize);
    private readonly Http2Settings _peer = new();
    private readonly Dictionary<int, Http2Stream> _streams = [];
    private readonly Stack<Http2Stream> _pool = new();
    private readonly List<Http2Stream> _toStart = [];
    private readonly Http2Buffer _headerBlock = new();
    private readonly Http2Buffer _headerScratch = new();
    private readonly Http2ResponseHeaders _responseHeaders = new();
    private readonly (int Id, Http2StreamState State)[] _closed = new (int, Http2StreamState)[RememberedClosedStreams];
    private readonly List<(Action<object?> Action, object? State)> _deferred = [];
    private int _closedNext;
    private Http2FlowWindow _sendWindow = new(Http2Settings.DefaultWindowSize);
    private Http2ReceiveWindow _receiveWindow = new(ConnectionWindowSize);
    private int _lastStreamId;
    private int _openStreams;
    private int _continuationStreamId;
    private bool _continuationEndStream;
    private bool _settingsReceived;
    private bool _draining;
    private bool _ended;
    private int _loopThreadId;

    public Http2Connection(ConnectionContext context, Http2Application application, ILogger logger)
    {
        _context = context;
        _application = application;
        _logger = logger;
        _input = context.Transport.Input;
        _output = new Http2Output(context.Transport.Output);
        var local = context.LocalEndPoint as IPEndPoint;
        var remote = context.RemoteEndPoint as IPEndPoint;
        ConnectionId = context.ConnectionId;
        LocalIpAddress = local?.Address;
        LocalPort = local?.Port ?? 0;
        RemoteIpAddress = remote?.Address;
        RemotePort = remote?.Port ?? 0;
        RequestBodyOptions = new PipeOptions(
            readerScheduler: new Http2LoopScheduler(this),
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            useSynchronizationContext: false);
    }

    /// <inheritdoc />
    public string ConnectionId { get; set; }

    /// <inheritdoc />
    public IPAddress? RemoteIpAddress { get; set; }

    /// <inheritdoc />
    public IPAddress? LocalIpAddress { get; set; }

    /// <inheritdoc />
    public int RemotePort { get; set; }

    /// <inheritdoc />
    public int LocalPort { get; set; }

    /// <summary>How the streams' request body pipes are made: their readers resume on the loop (<see cref="Http2LoopScheduler"/>).</summary>
    public PipeOptions RequestBodyOptions { get; }

    /// <summary>Strings of header values the connection's clients repeat.</summary>
    public Http2ValueCache Values { get; } = new();

    /// <summary>Whether the caller runs on the connection's loop, processing a read.</summary>
    public bool OnLoopThread => Volatile.Read(ref _loopThreadId) == Environment.CurrentManagedThreadId;

    /// <summary>Whether the caller holds the lock of the connection's output (for tests of where handlers run).</summary>
    internal bool OutputLockHeld => _output.Sync.IsHeldByCurrentThread;

    /// <summary>Serves the connection until the peer closes it, a connection error, or a drain that finished.</summary>
    public async Task RunAsync()
    {
        using var drain = _context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .UnsafeRegister(static state => ((Http2Connection)state!).BeginDrain(), this);
        try
        {
            if (!await ReadPrefaceAsync().ConfigureAwait(false))
            {
                return;
            }

            lock (_output.Sync)
            {
                Http2FrameWriter.WriteSettings(_output.Pending,
                [
                    (Http2SettingId.MaxConcurrentStreams, MaxConcurrentStreams),
                    (Http2SettingId.InitialWindowSize, StreamWindowSize),
                    (Http2SettingId.MaxHeaderListSize, MaxHeaderListSize),
                ]);
                Http2FrameWriter.WriteWindowUpdate(_output.Pending, 0, ConnectionWindowSize - Http2Settings.DefaultWindowSize);
            }

            await _output.FlushAsync().ConfigureAwait(false);
            await ReadFramesAsync().ConfigureAwait(false);
        }
        catch (Http2ConnectionException ex)
        {
            Log.ConnectionError(_logger, ConnectionId, ex.ErrorCode, ex.Message);
            lock (_output.Sync)
            {
                if (!_output.IsClosed)
                {
                    Http2FrameWriter.WriteGoAway(_output.Pending, _lastStreamId, ex.ErrorCode, System.Text.Encoding.ASCII.GetBytes(ex.Message));
                }
            }

            await _output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionAbortedException or ConnectionResetException or OperationCanceledException or ObjectDisposedException)
        {
            Log.ConnectionClosed(_logger, ConnectionId, ex.Message);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>A feature of the connection itself (TLS, items, the transport's own), for the streams' collections.</summary>
    public object? GetConnectionFeature(Type key) => _context.Features[key];

    private async ValueTask<bool> ReadPrefaceAsync()
    {
        var length = Http2FrameReader.ClientPreface.Length;
        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var matches = StartsWith(buffer, Http2FrameReader.ClientPreface);
                _input.AdvanceTo(buffer.GetPosition(length));
                if (!matches)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "the connection does not start with the HTTP/2 client preface");
                }

                return true;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return false;
            }
        }
    }

    private static bool StartsWith(in ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> prefix)
    {
        Span<byte> head = stackalloc byte[prefix.Length];
        buffer.Slice(0, prefix.Length).CopyTo(head);
        return head.SequenceEqual(prefix);
    }

    private async Task ReadFramesAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            Volatile.Write(ref _loopThreadId, Environment.CurrentManagedThreadId);
            try
            {
                try
                {
                    ProcessFrames(ref buffer);
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }

                StartPendingStreams();
                RunDeferred();
            }
            finally
            {
                Volatile.Write(ref _loopThreadId, 0);

                // Left only when the read failed: whatever waits on them must still wake.
                DispatchDeferred();
            }

            if (result.IsCompleted || _output.IsClosed || DrainFinished())
            {
                // The connection ends after this: wait for every byte to reach the transport.
                await _output.FlushAsync().ConfigureAwait(false);
                return;
            }

            // Joins a flush that an asynchronous handler started instead of queueing behind it (see FlushOrJoinAsync).
            await _output.FlushOrJoinAsync(InBatchFlushBytes).ConfigureAwait(false);
            if (_output.IsClosed)
            {
                return;
            }
        }
    }

    private void ProcessFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = Http2FrameReader.TryRead(ref buffer, MaxFrameSize, out var header, out var payload);
            if (status == Http2FrameReadStatus.NeedMore)
            {
                return;
            }

            if (status == Http2FrameReadStatus.TooLarge)
            {
                throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a frame is longer than SETTINGS_MAX_FRAME_SIZE");
            }

            ProcessFrame(header, payload);
        }
    }

    private void StartPendingStreams()
    {
        if (_toStart.Count == 0)
        {
            return;
        }

        // A handler may finish a stream (and the loop may not be re-entered), so walk a stable copy of the count.
        for (var i = 0; i < _toStart.Count; i++)
        {
            var stream = _toStart[i];
            if (stream.IsAborted)
            {
                OnStreamFinished(stream);
                continue;
            }

            stream.HandlerStarted = true;
            _ = _application.ProcessAsync(stream);

            // A loop that fell behind reads hundreds of requests at once: answers leave as they are made, not all at
            // the end of the batch.
            // A flush still sending the last slice (the transport holds back past 64 KiB) takes this one with it.
            if (_output.PendingLength >= InBatchFlushBytes)
            {
                _output.FlushInBackgroundUnlessFlushing();
            }
        }

        _toStart.Clear();
    }

    /// <summary>
    /// Takes <paramref name="action"/> to run on the loop after the frames being processed, when called on the loop;
    /// otherwise false, and the caller schedules it elsewhere.
    /// </summary>
    public bool TryDefer(Action<object?> action, object? state)
    {
        if (!OnLoopThread)
        {
            return false;
        }

        _deferred.Add((action, state));
        return true;
    }

    /// <summary>
    /// Runs the continuations deferred while the frames were processed, and those they defer in turn, flushing within
    /// the batch as <see cref="StartPendingStreams"/> does. One that throws is dropped, and those after it are left to
    /// <see cref="DispatchDeferred"/>.
    /// </summary>
    private void RunDeferred()
    {
        var ran = 0;
        try
        {
            while (ran < _deferred.Count)
            {
                var (action, state) = _deferred[ran++];
                action(state);
                if (_output.PendingLength >= InBatchFlushBytes)
                {
                    _output.FlushInBackgroundUnlessFlushing();
                }
            }
        }
        finally
        {
            _deferred.RemoveRange(0, ran);
        }
    }

    private void DispatchDeferred()
    {
        foreach (var (action, state) in _deferred)
        {
            ThreadPool.UnsafeQueueUserWorkItem(action, state, preferLocal: false);
        }

        _deferred.Clear();
    }

    private bool DrainFinished()
    {
        lock (_output.Sync)
        {
            return _draining && _streams.Count == 0;
        }
    }

    private void BeginDrain()
    {
        bool finished;
        lock (_output.Sync)
        {
            if (_draining || _ended)
            {
                return;
            }

            _draining = true;
            if (!_output.IsClosed)
            {
                Http2FrameWriter.WriteGoAway(_output.Pending, _lastStreamId, Http2ErrorCode.NoError, []);
            }

            finished = _streams.Count == 0;
        }

        _output.FlushInBackground();
        if (finished)
        {
            _input.CancelPendingRead();
        }
    }

    /// <summary>Ends the connection: every stream is aborted, and the pooled objects go back.</summary>
    public void Dispose()
    {
        List<Http2Stream> unfinished = [];
        lock (_output.Sync)
        {
            _ended = true;
            foreach (var stream in _streams.Values)
            {
                stream.Abort("The HTTP/2 connection closed.");
                if (!stream.HandlerStarted)
                {
                    unfinished.Add(stream);
                }
            }
        }

        foreach (var stream in unfinished)
        {
            OnStreamFinished(stream);
        }

        _toStart.Clear();
        _output.Close();
        lock (_output.Sync)
        {
            while (_pool.TryPop(out var pooled))
            {
                pooled.Dispose();
            }
        }

        _headerBlock.Release();
        _headerScratch.Release();
        _output.Dispose();
    }

    private void RememberClosed(int id, Http2StreamState state)
    {
        _closed[_closedNext] = (id, state);
        _closedNext = (_closedNext + 1) % _closed.Length;
    }

    private Http2StreamState ClosedState(int id, Http2FrameType type)
    {
        foreach (var (closedId, state) in _closed)
        {
            if (closedId == id)
            {
                return state;
            }
        }

        // Long closed, or never opened (a lower identifier skipped closes the stream implicitly, §5.1.1). A new HEADERS
        // there is the client's error; anything else may be late data on a stream this end reset, so it is ignored.
        return type == Http2FrameType.Headers ? Http2StreamState.ClosedByEndStream : Http2StreamState.ClosedByOwnReset;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "HTTP/2 connection {ConnectionId} ended with {ErrorCode}: {Reason}")]
        public static partial void ConnectionError(ILogger logger, string connectionId, Http2ErrorCode errorCode, string reason);

        [LoggerMessage(2, LogLevel.Debug, "HTTP/2 connection {ConnectionId} closed: {Reason}")]
        public static partial void ConnectionClosed(ILogger logger, string connectionId, string reason);

        [LoggerMessage(3, LogLevel.Debug, "HTTP/2 connection {ConnectionId} reset stream {StreamId} with {ErrorCode}: {Reason}")]
        public static partial void StreamReset(ILogger logger, string connectionId, int streamId, Http2ErrorCode errorCode, string reason);

        [LoggerMessage(4, LogLevel.Error, "Connection id \"{ConnectionId}\", Request id \"{TraceIdentifier}\": An unhandled exception was thrown by the application.")]
        public static partial void ApplicationError(ILogger logger, string connectionId, string traceIdentifier, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "Connection id \"{ConnectionId}\", Request id \"{TraceIdentifier}\": An OnCompleted callback failed.")]
        public static partial void CallbackFailed(ILogger logger, string connectionId, string traceIdentifier, Exception exception);
    }
}
