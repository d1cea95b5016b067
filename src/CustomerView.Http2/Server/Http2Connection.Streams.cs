using System.IO.Pipelines;
using CustomerView.Http2.Frames;
using CustomerView.Http2.Streams;
using Microsoft.AspNetCore.Http;

namespace CustomerView.Http2.Server;

/// <summary>Sending responses under flow control, resetting and finishing streams.</summary>
internal sealed partial class Http2Connection
{
    /// <summary>
    /// Sends what the stream's response holds: HEADERS first, then DATA as far as both windows allow, then, when the
    /// application has finished (<see cref="Http2Stream.ResponseCompleting"/>), the trailers (or an empty DATA) with
    /// END_STREAM. Completes when everything went out; otherwise when the peer's WINDOW_UPDATE lets the rest go.
    /// </summary>
    public ValueTask<FlushResult> SendResponseAsync(Http2Stream stream)
    {
        ValueTask<FlushResult> waiting = default;
        var blocked = false;
        lock (_output.Sync)
        {
            if (stream.IsAborted || stream.ResponseEnded || _output.IsClosed)
            {
                stream.ResponseBody.Clear();
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: stream.IsAborted || _output.IsClosed));
            }

            if (!TrySendLocked(stream))
            {
                blocked = true;
                waiting = stream.WaitForWindow();
            }
        }

        if (!OnLoopThread)
        {
            var flush = _output.FlushAsync();
            if (!flush.IsCompletedSuccessfully)
            {
                return FlushThenWaitAsync(flush, blocked, waiting);
            }
        }

        return blocked ? waiting : new ValueTask<FlushResult>(default(FlushResult));
    }

    /// <summary>Resets the stream with RST_STREAM on the application's behalf (HttpContext.Abort, a failure after the response started).</summary>
    public void ResetFromApplication(Http2Stream stream, Http2ErrorCode errorCode = Http2ErrorCode.InternalError)
    {
        lock (_output.Sync)
        {
            if (stream.IsAborted)
            {
                return;
            }

            ResetStreamLocked(stream, errorCode, "the application aborted the request");
        }

        FlushUnlessOnLoop();
    }

    /// <summary>The application read <paramref name="length"/> more bytes of the stream's body: reopen its window.</summary>
    public void OnRequestBodyConsumed(Http2Stream stream, int length)
    {
        var written = false;
        lock (_output.Sync)
        {
            length = Math.Min(length, stream.UnconsumedBody);
            if (_output.IsClosed || length <= 0)
            {
                return;
            }

            stream.UnconsumedBody -= length;
            written = ReturnConnectionWindowLocked(length);
            if (!stream.RequestEnded && stream.State is Http2StreamState.Open or Http2StreamState.HalfClosedLocal)
            {
                stream.ReceiveWindow.Consume(length);
                var update = stream.ReceiveWindow.TakeUpdate();
                if (update > 0)
                {
                    Http2FrameWriter.WriteWindowUpdate(_output.Pending, stream.Id, update);
                    written = true;
                }
            }
        }

        if (written)
        {
            FlushUnlessOnLoop();
        }
    }

    /// <summary>Ends a flush that waits for the window with a cancelled result (PipeWriter.CancelPendingFlush).</summary>
    public void CancelFlush(Http2Stream stream)
    {
        lock (_output.Sync)
        {
            stream.CancelWaiter();
        }
    }

    /// <summary>The application is done with the stream: it leaves the table, and its object goes back to the pool.</summary>
    public void OnStreamFinished(Http2Stream stream)
    {
        bool drained;
        lock (_output.Sync)
        {
            if (!stream.ResponseEnded && !stream.IsAborted)
            {
                ResetStreamLocked(stream, Http2ErrorCode.InternalError, "the response did not end");
            }

            drained = RemoveLocked(stream);
        }

        if (drained)
        {
            _input.CancelPendingRead();
        }
    }

    /// <summary>Logs a pipeline failure.</summary>
    public void LogApplicationError(Http2Stream stream, Exception exception) =>
        Log.ApplicationError(_logger, ConnectionId, stream.TraceIdentifier, exception);

    /// <summary>Logs a failed OnCompleted callback.</summary>
    public void LogCallbackFailed(Http2Stream stream, Exception exception) =>
        Log.CallbackFailed(_logger, ConnectionId, stream.TraceIdentifier, exception);

    private static async ValueTask<FlushResult> FlushThenWaitAsync(ValueTask flush, bool blocked, ValueTask<FlushResult> waiting)
    {
        await flush.ConfigureAwait(false);
        return blocked ? await waiting.ConfigureAwait(false) : default;
    }

    private void FlushUnlessOnLoop()
    {
        if (!OnLoopThread)
        {
            _output.FlushInBackground();
        }
    }

    /// <summary>Moves the stream to <paramref name="next"/>, counting it against the concurrency limit while it is open or half-closed.</summary>
    private void SetStateLocked(Http2Stream stream, Http2StreamState next)
    {
        stream.State = next;
        var counts = next is Http2StreamState.Open or Http2StreamState.HalfClosedLocal or Http2StreamState.HalfClosedRemote;
        if (counts != stream.CountedOpen)
        {
            stream.CountedOpen = counts;
            _openStreams += counts ? 1 : -1;
        }
    }

    private Http2Stream Rent() => _pool.TryPop(out var stream) ? stream : _application.CreateStream(this);

    private bool RemoveLocked(Http2Stream stream)
    {
        if (_streams.Remove(stream.Id))
        {
            RememberClosed(stream.Id, stream.State);
        }

        if (stream.CountedOpen)
        {
            stream.CountedOpen = false;
            _openStreams--;
        }

        ReturnConnectionWindowLocked(stream.UnconsumedBody);
        stream.UnconsumedBody = 0;
        stream.ReleaseRequestBody();

        // A stream reset while its body waited for the window holds what was left, perhaps the application's memory.
        stream.ResponseBody.Clear();
        if (_ended)
        {
            stream.Dispose();
        }
        else
        {
            _pool.Push(stream);
        }

        return _draining && _streams.Count == 0;
    }

    private void FinishUnstartedLocked(Http2Stream stream) => RemoveLocked(stream);

    /// <summary>Reopens the connection's receive window by bytes read or dropped; true when a WINDOW_UPDATE was written.</summary>
    private bool ReturnConnectionWindowLocked(int length)
    {
        if (length <= 0 || _output.IsClosed)
        {
            return false;
        }

        _receiveWindow.Consume(length);
        var update = _receiveWindow.TakeUpdate();
        if (update > 0)
        {
            Http2FrameWriter.WriteWindowUpdate(_output.Pending, 0, update);
            return true;
        }

        return false;
    }

    /// <summary>Sends as much of the stream's response as the windows allow; false when data waits for a WINDOW_UPDATE.</summary>
    private bool TrySendLocked(Http2Stream stream)
    {
        var body = stream.ResponseBody;
        if (_output.IsClosed || stream.IsAborted || stream.ResponseEnded)
        {
            body.Clear();
            return true;
        }

        try
        {
            return TrySendUncheckedLocked(stream, body);
        }
        catch (InvalidOperationException ex)
        {
            // A header or trailer the HPACK encoder refuses (non-ASCII, control characters): only this stream fails.
            LogApplicationError(stream, ex);
            ResetStreamLocked(stream, Http2ErrorCode.InternalError, "the response has a field HTTP/2 cannot carry");
            return true;
        }
    }

    private bool TrySendUncheckedLocked(Http2Stream stream, Http2ResponseBody body)
    {
        var completing = stream.ResponseCompleting;
        if (!stream.HeadersSent)
        {
            var endOnHeaders = completing && body.Length == 0 && stream.ResponseTrailers is null;
            WriteHeaderBlockLocked(stream.Id, stream.StatusCode, stream.ResponseHeaders, endOnHeaders);
            stream.HeadersSent = true;
            if (stream.ResponseHeaders is HeaderDictionary headers)
            {
                headers.IsReadOnly = true;
            }

            if (endOnHeaders)
            {
                EndSentLocked(stream);
                return true;
            }
        }

        while (body.Length > 0)
        {
            var window = Math.Min(_sendWindow.Available, stream.SendWindow.Available);
            if (window <= 0)
            {
                return false;
            }

            var length = (int)Math.Min(Math.Min(window, body.Length), _peer.MaxFrameSize);
            var last = completing && length == body.Length && stream.ResponseTrailers is null;
            body.WriteDataFrame(_output.Pending, last ? Http2FrameFlags.EndStream : Http2FrameFlags.None, stream.Id, length);
            _sendWindow.Spend(length);
            stream.SendWindow.Spend(length);
            if (last)
            {
                EndSentLocked(stream);
                return true;
            }
        }

        if (completing)
        {
            if (stream.ResponseTrailers is { } trailers)
            {
                WriteHeaderBlockLocked(stream.Id, status: 0, trailers, endStream: true);
            }
            else
            {
                Http2FrameWriter.WriteFrame(_output.Pending, Http2FrameType.Data, Http2FrameFlags.EndStream, stream.Id, []);
            }

            EndSentLocked(stream);
        }

        return true;
    }

    private void ResumeBlockedLocked()
    {
        foreach (var stream in _streams.Values)
        {
            if (_sendWindow.Available <= 0)
            {
                return;
            }

            if (stream.Blocked && TrySendLocked(stream))
            {
                stream.CompleteWaiter();
            }
        }
    }

    /// <summary>The response's END_STREAM went out; a request still open is told to stop with RST_STREAM (NO_ERROR, §8.1).</summary>
    private void EndSentLocked(Http2Stream stream)
    {
        stream.ResponseEnded = true;
        SetStateLocked(stream, Http2StreamStates.OnSend(stream.State, endStream: true, reset: false));
        if (stream.State == Http2StreamState.HalfClosedLocal)
        {
            WriteRstLocked(stream.Id, Http2ErrorCode.NoError);
            SetStateLocked(stream, Http2StreamStates.OnSend(stream.State, endStream: false, reset: true));
        }
    }

    private void RespondWithStatusLocked(Http2Stream stream, int status)
    {
        WriteHeaderBlockLocked(stream.Id, status, null, endStream: true);
        stream.HeadersSent = true;
        EndSentLocked(stream);
    }

    private void ResetStreamLocked(Http2Stream stream, Http2ErrorCode error, string reason)
    {
        Log.StreamReset(_logger, ConnectionId, stream.Id, error, reason);
        if (stream.State is not (Http2StreamState.ClosedByEndStream or Http2StreamState.ClosedByOwnReset or Http2StreamState.ClosedByPeerReset))
        {
            WriteRstLocked(stream.Id, error);
            SetStateLocked(stream, Http2StreamStates.OnSend(stream.State, endStream: false, reset: true));
        }

        ReturnConnectionWindowLocked(stream.UnconsumedBody);
        stream.UnconsumedBody = 0;
        stream.Abort($"The request stream was reset: {reason}.");
    }

    private void WriteRstLocked(int streamId, Http2ErrorCode error)
    {
        if (!_output.IsClosed)
        {
            Http2FrameWriter.WriteRstStream(_output.Pending, streamId, error);
        }
    }

    /// <summary>
    /// Encodes a response's :status (when <paramref name="status"/> is not 0) and fields with the stateless HPACK
    /// encoder and writes them as HEADERS and CONTINUATION frames. Names go lower-case; connection-specific fields are
    /// left out (§8.2.2); a value outside visible ASCII and tab throws before anything is written.
    /// </summary>
    private void WriteHeaderBlockLocked(int streamId, int status, IHeaderDictionary? fields, bool endStream)
    {
        var block = _headerScratch;
        block.Take(block.Length);
        if (status != 0)
        {
            Http2ResponseHeaders.WriteStatus(block, status);
        }

        if (fields is not null)
        {
            _responseHeaders.WriteFields(block, fields);
        }

        if (!_output.IsClosed)
        {
            Http2FrameWriter.WriteHeaders(_output.Pending, streamId, block.Written, endStream, _peer.MaxFrameSize);
        }
    }
}
