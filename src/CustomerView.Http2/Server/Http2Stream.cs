using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks.Sources;
using CustomerView.Http2.Streams;
using Microsoft.AspNetCore.Http;

namespace CustomerView.Http2.Server;

/// <summary>
/// One request on a connection, and the feature collection ASP.NET Core's <see cref="HttpContext"/> runs on. The
/// connection's loop fills the request (headers, body); the application writes the response through the features;
/// the connection sends it as flow control allows. Reused for the connection's later requests.
/// </summary>
internal abstract partial class Http2Stream : IValueTaskSource<FlushResult>, IDisposable
{
    private readonly Pipe _requestBody;
    private readonly Http2RequestBodyReader _bodyReader;
    private readonly Http2ResponseBodyWriter _bodyWriter;
    private ManualResetValueTaskSourceCore<FlushResult> _sent = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenSource _aborted = new();
    private bool _abortQueued;
    private long _requestContentLength = -1;
    private long _requestBodyReceived;

    protected Http2Stream(Http2Connection connection)
    {
        Connection = connection;
        _requestBody = new Pipe(connection.RequestBodyOptions);
        _bodyReader = new Http2RequestBodyReader(this, _requestBody.Reader);
        _bodyWriter = new Http2ResponseBodyWriter(this);
    }

    /// <summary>The connection the stream belongs to.</summary>
    public Http2Connection Connection { get; }

    /// <summary>The stream's identifier.</summary>
    public int Id { get; private set; }

    /// <summary>The stream's state (read and changed under the connection's output lock once the stream is visible).</summary>
    public Http2StreamState State { get; set; }

    /// <summary>What the peer lets this stream send (under the connection's output lock).</summary>
    public Http2FlowWindow SendWindow;

    /// <summary>What this end lets the peer send on the stream (under the connection's output lock).</summary>
    public Http2ReceiveWindow ReceiveWindow;

    /// <summary>The response body written and not yet sent (the application writes it; the connection sends it under its lock once flushed).</summary>
    public Http2ResponseBody ResponseBody { get; } = new();

    /// <summary>Whether the response's HEADERS went out.</summary>
    public bool HeadersSent { get; set; }

    /// <summary>Whether the whole response, END_STREAM included, went out (or the stream was reset).</summary>
    public bool ResponseEnded { get; set; }

    /// <summary>Whether the application finished the response: what is buffered is its last data, trailers follow.</summary>
    public bool ResponseCompleting { get; private set; }

    /// <summary>Whether the stream waits for the peer's window to send the rest of a flush.</summary>
    public bool Blocked { get; set; }

    /// <summary>Whether the stream was reset (by either end) or its connection is gone.</summary>
    public bool IsAborted { get; private set; }

    /// <summary>Whether the peer sent END_STREAM.</summary>
    public bool RequestEnded { get; private set; }

    /// <summary>Request body bytes received and not yet read by the application (under the connection's output lock).</summary>
    public int UnconsumedBody { get; set; }

    /// <summary>Whether the stream counts against SETTINGS_MAX_CONCURRENT_STREAMS: open or half-closed (under the connection's output lock).</summary>
    public bool CountedOpen { get; set; }

    /// <summary>Whether the application's pipeline was started for the request.</summary>
    public bool HandlerStarted { get; set; }

    /// <summary>Prepares the stream for a new request.</summary>
    public void Open(int id, int sendWindow, int receiveWindow)
    {
        Id = id;
        State = Http2StreamState.Idle;
        SendWindow = new Http2FlowWindow(sendWindow);
        ReceiveWindow = new Http2ReceiveWindow(receiveWindow);
        ResetResponse();
        ResetFeatures();
        HeadersSent = false;
        ResponseEnded = false;
        ResponseCompleting = false;
        Blocked = false;
        IsAborted = false;
        RequestEnded = false;
        HandlerStarted = false;
        UnconsumedBody = 0;
        CountedOpen = false;
        _requestContentLength = -1;
        _requestBodyReceived = 0;
        _bodyReader.Reset();
        _bodyWriter.Reset();

        // An aborted request's cancellation is queued to the thread pool and may not have run yet: never reuse its source.
        if (_abortQueued || !_aborted.TryReset())
        {
            _aborted = new CancellationTokenSource();
            _abortQueued = false;
        }
    }

    /// <summary>Takes a DATA frame's payload into the request body; false when it passes the declared content-length.</summary>
    public bool ReceiveBody(in ReadOnlySequence<byte> data)
    {
        _requestBodyReceived += data.Length;
        if (_requestContentLength >= 0 && _requestBodyReceived > _requestContentLength)
        {
            return false;
        }

        if (data.Length == 0)
        {
            return true;
        }

        var writer = _requestBody.Writer;
        foreach (var segment in data)
        {
            writer.Write(segment.Span);
        }

        // Never waits, and never runs the reader here (under the connection's lock): the pipe has no pause threshold, and
        // its reader resumes after the read's frames (Http2LoopScheduler).
        var flush = writer.FlushAsync();
        System.Diagnostics.Debug.Assert(flush.IsCompleted, "The request body pipe never pauses its writer.");
        if (flush.IsCompleted)
        {
            _ = flush.Result;
        }

        return true;
    }

    /// <summary>The peer ended the request; false when the body is shorter than the declared content-length.</summary>
    public bool EndRequest()
    {
        RequestEnded = true;
        _requestBody.Writer.Complete();
        return _requestContentLength < 0 || _requestBodyReceived == _requestContentLength;
    }

    /// <summary>
    /// Ends the stream for the application: the request body fails with <paramref name="reason"/>, the request's
    /// cancellation token fires (on the thread pool, never inside the connection's loop), and what it writes is discarded.
    /// </summary>
    public void Abort(string reason)
    {
        if (IsAborted)
        {
            return;
        }

        IsAborted = true;
        ResponseEnded = true;
        if (!RequestEnded)
        {
            RequestEnded = true;
            _requestBody.Writer.Complete(new IOException(reason));
        }

        var aborted = _aborted;
        _abortQueued = true;
        ThreadPool.UnsafeQueueUserWorkItem(static cts => cts.Cancel(), aborted, preferLocal: false);
        CompleteWaiter();
    }

    /// <summary>Wakes a flush that waited for the window (under the connection's output lock).</summary>
    public void CompleteWaiter()
    {
        if (!Blocked)
        {
            return;
        }

        Blocked = false;
        _sent.SetResult(new FlushResult(isCanceled: false, isCompleted: IsAborted));
    }

    /// <summary>Wakes a flush that waited for the window as cancelled (under the connection's output lock).</summary>
    public void CancelWaiter()
    {
        if (!Blocked)
        {
            return;
        }

        Blocked = false;
        _sent.SetResult(new FlushResult(isCanceled: true, isCompleted: false));
    }

    /// <summary>Marks the response as finished by the application: no more body; trailers follow what is buffered.</summary>
    public void MarkCompleting() => ResponseCompleting = true;

    /// <summary>Gives the pooled buffers back.</summary>
    public void Dispose()
    {
        ResponseBody.Release();

        // A cancellation queued to the thread pool must find its source undisposed; one without timers needs no disposal.
        if (!_abortQueued)
        {
            _aborted.Dispose();
        }
    }

    /// <summary>
    /// Drops what the application left unread of the request body and readies the pipe for the next request (the
    /// stream is done: every stream goes back to the pool through this).
    /// </summary>
    public void ReleaseRequestBody()
    {
        _requestBody.Reader.Complete();
        _requestBody.Writer.Complete();
        _requestBody.Reset();
    }

    /// <summary>Marks <paramref name="length"/> request body bytes as read by the application.</summary>
    internal void OnBodyConsumed(int length) => Connection.OnRequestBodyConsumed(this, length);

    /// <summary>Blocks the stream until the window lets the rest go (under the connection's output lock).</summary>
    internal ValueTask<FlushResult> WaitForWindow()
    {
        _sent.Reset();
        Blocked = true;
        return new ValueTask<FlushResult>(this, _sent.Version);
    }

    FlushResult IValueTaskSource<FlushResult>.GetResult(short token) => _sent.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<FlushResult>.GetStatus(short token) => _sent.GetStatus(token);

    void IValueTaskSource<FlushResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _sent.OnCompleted(continuation, state, token, flags);

}

/// <summary>A stream whose application keeps its per-request context on it, so pooled streams reuse the contexts too.</summary>
/// <typeparam name="TContext">The application's context type.</typeparam>
internal sealed class Http2Stream<TContext> : Http2Stream, Microsoft.AspNetCore.Hosting.Server.Abstractions.IHostContextContainer<TContext>
    where TContext : notnull
{
    public Http2Stream(Http2Connection connection)
        : base(connection)
    {
    }

    /// <inheritdoc />
    public TContext? HostContext { get; set; }
}
