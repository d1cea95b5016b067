using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace CustomerView.Http2.Server;

/// <summary>The response: headers, body, trailers, the callbacks around them, and how the stream ends.</summary>
internal abstract partial class Http2Stream
{
    private readonly HeaderDictionary _responseHeaders = new();
    private readonly HeaderDictionary _responseTrailers = new();
    private List<(Func<object, Task> Callback, object State)>? _onStarting;
    private List<(Func<object, Task> Callback, object State)>? _onCompleted;
    private bool _startRequested;

    /// <summary>The response headers to send (the application's view, which it may have replaced).</summary>
    public IHeaderDictionary ResponseHeaders => _responseHeadersView;

    /// <summary>The response trailers to send, or null when there are none.</summary>
    public IHeaderDictionary? ResponseTrailers => _responseTrailersView is { Count: > 0 } view ? view : null;

    /// <inheritdoc />
    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            ThrowHelper.ThrowInvalidOperation("The response has started.");
        }

        (_onStarting ??= []).Add((callback, state));
    }

    /// <inheritdoc />
    public void OnCompleted(Func<object, Task> callback, object state) => (_onCompleted ??= []).Add((callback, state));

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        await RunOnStartingAsync().ConfigureAwait(false);
        await Connection.SendResponseAsync(this).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompleteAsync()
    {
        if (ResponseCompleting)
        {
            return;
        }

        await RunOnStartingAsync().ConfigureAwait(false);
        MarkCompleting();
        _bodyWriter.Complete();
        await Connection.SendResponseAsync(this).ConfigureAwait(false);
    }

    /// <summary>Sends what the body writer holds (its FlushAsync).</summary>
    public ValueTask<FlushResult> FlushResponseAsync(CancellationToken cancellationToken)
    {
        if (IsAborted || ResponseCompleting)
        {
            ResponseBody.Clear();
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: IsAborted));
        }

        if (!HeadersSent && _onStarting is { Count: > 0 })
        {
            return FlushAfterOnStartingAsync(cancellationToken);
        }

        return Connection.SendResponseAsync(this);
    }

    /// <summary>
    /// Ends the response after the application's pipeline: what is left is sent with the trailers, or, when the
    /// pipeline failed, a 500 before the response started and RST_STREAM (INTERNAL_ERROR) after. Then the OnCompleted
    /// callbacks run.
    /// </summary>
    public ValueTask EndResponseAsync(Exception? failure)
    {
        if (failure is not null)
        {
            return FailResponseAsync();
        }

        if (!ResponseCompleting && !IsAborted)
        {
            if (!HeadersSent && _onStarting is { Count: > 0 })
            {
                return EndSlowAsync();
            }

            MarkCompleting();
            var sent = Connection.SendResponseAsync(this);
            if (!sent.IsCompletedSuccessfully)
            {
                return AwaitThenCompletedAsync(sent);
            }
        }

        return _onCompleted is { Count: > 0 } ? RunOnCompletedAsync() : ValueTask.CompletedTask;
    }

    private void ResetResponse()
    {
        _responseHeaders.IsReadOnly = false;
        _responseHeaders.Clear();
        _responseTrailers.IsReadOnly = false;
        _responseTrailers.Clear();
        ResponseBody.Clear();
        _onStarting?.Clear();
        _onCompleted?.Clear();
        _startRequested = false;
        _requestStream = null;
        _responseStream = null;
    }

    private async ValueTask<FlushResult> FlushAfterOnStartingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await RunOnStartingAsync().ConfigureAwait(false);
        return await Connection.SendResponseAsync(this).ConfigureAwait(false);
    }

    private async ValueTask EndSlowAsync()
    {
        await RunOnStartingAsync().ConfigureAwait(false);
        MarkCompleting();
        await Connection.SendResponseAsync(this).ConfigureAwait(false);
        await RunOnCompletedAsync().ConfigureAwait(false);
    }

    private async ValueTask AwaitThenCompletedAsync(ValueTask<FlushResult> sent)
    {
        await sent.ConfigureAwait(false);
        if (_onCompleted is { Count: > 0 })
        {
            await RunOnCompletedAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask FailResponseAsync()
    {
        if (!HasStarted && !IsAborted)
        {
            _responseHeaders.IsReadOnly = false;
            _responseHeaders.Clear();
            _responseHeadersView = _responseHeaders;
            _responseTrailersView = null;
            ResponseBody.Clear();
            StatusCode = StatusCodes.Status500InternalServerError;
            MarkCompleting();
            await Connection.SendResponseAsync(this).ConfigureAwait(false);
        }
        else if (!ResponseEnded)
        {
            Connection.ResetFromApplication(this, Frames.Http2ErrorCode.InternalError);
        }

        if (_onCompleted is { Count: > 0 })
        {
            await RunOnCompletedAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask RunOnStartingAsync()
    {
        _startRequested = true;
        if (_onStarting is not { Count: > 0 } callbacks)
        {
            return;
        }

        for (var i = callbacks.Count - 1; i >= 0; i--)
        {
            await callbacks[i].Callback(callbacks[i].State).ConfigureAwait(false);
        }

        callbacks.Clear();
    }

    private async ValueTask RunOnCompletedAsync()
    {
        var callbacks = _onCompleted!;
        for (var i = callbacks.Count - 1; i >= 0; i--)
        {
            try
            {
                await callbacks[i].Callback(callbacks[i].State).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Connection.LogCallbackFailed(this, ex);
            }
        }

        callbacks.Clear();
    }
}
