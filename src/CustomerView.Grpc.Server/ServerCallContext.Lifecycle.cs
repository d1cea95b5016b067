using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace CustomerView.Grpc.Server;

public sealed partial class ServerCallContext
{
    /// <summary>The longest timer <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> accepts.</summary>
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private static readonly StringValues[] StatusValues = CreateStatusValues();

    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _deadlineRegistration;
    private SemaphoreSlim? _writeLock;
    private Task? _deadlineTask;

    /// <summary>Arms the deadline: from now on writes are serialized with the expiry, which ends the call.</summary>
    internal void StartDeadline(TimeSpan timeout)
    {
        if (timeout > MaxTimer)
        {
            return;
        }

        Deadline = DateTime.UtcNow + timeout;
        _writeLock = new SemaphoreSlim(1, 1);
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(RequestAborted);
        _deadlineToken = _deadlineCts.Token;
        _deadlineRegistration = _deadlineCts.Token.UnsafeRegister(static state => ((ServerCallContext)state!).OnCancelled(), this);
        _deadlineCts.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
    }

    /// <summary>Whether a deadline is armed (and so writes are serialized and <see cref="EndAsync"/> has work to do).</summary>
    internal bool HasDeadline => _deadlineCts is not null;

    /// <summary>Ends the call with the handler's status (OK unless it set another).</summary>
    internal ValueTask CompleteAsync() => CompleteAsync(Status, null);

    /// <summary>
    /// Ends a call without a deadline (whose writes need no lock) with the handler's status, at once. Unlike
    /// <see cref="CompleteAsync()"/> it does not ask whether the client has gone (Kestrel discards what an aborted
    /// stream would still send), so that a call that never needed the abort token does not fetch it.
    /// </summary>
    internal void Complete()
    {
        Debug.Assert(_writeLock is null, "Only a call without a deadline completes without the write lock.");
        CompleteUnlocked(Status, null);
    }

    /// <summary>Turns whatever ended the call into its status, or into nothing when the client has gone.</summary>
    internal ValueTask ProcessExceptionAsync(Exception exception)
    {
        if (RequestAborted.IsCancellationRequested)
        {
            ServerLog.CallCancelled(_runtime.Logger, Method);
            return ValueTask.CompletedTask;
        }

        if (_completed)
        {
            ServerLog.ErrorAfterCompletion(_runtime.Logger, Method, exception);
            return ValueTask.CompletedTask;
        }

        switch (exception)
        {
            case RpcException rpc:
                ServerLog.RpcError(_runtime.Logger, Method, rpc.StatusCode, rpc.Status.Detail);
                return CompleteAsync(rpc.Status, rpc.Trailers);
            case OperationCanceledException when DeadlineExpired:
                return CompleteAsync(GrpcStatuses.DeadlineExceeded, null);
            default:
                ServerLog.HandlerException(_runtime.Logger, Method, exception);
                var status = _runtime.Options.EnableDetailedErrors
                    ? new Status(StatusCode.Unknown, $"{GrpcStatuses.HandlerException.Detail} {exception.GetType().Name}: {exception.Message}")
                    : GrpcStatuses.HandlerException;
                return CompleteAsync(status, null);
        }
    }

    /// <summary>Disarms the deadline and waits for an expiry already under way.</summary>
    internal ValueTask EndAsync() => _deadlineCts is null ? ValueTask.CompletedTask : EndDeadlineAsync();

    private ValueTask CompleteAsync(Status status, Metadata? trailers)
    {
        if (RequestAborted.IsCancellationRequested)
        {
            return ValueTask.CompletedTask;
        }

        if (_writeLock is null)
        {
            CompleteUnlocked(status, trailers);
            return ValueTask.CompletedTask;
        }

        return CompleteLockedAsync(status, trailers);
    }

    private void CompleteUnlocked(Status status, Metadata? trailers)
    {
        if (!_completed)
        {
            _completed = true;
            WriteStatus(status, trailers);
        }
    }

    private async ValueTask CompleteLockedAsync(Status status, Metadata? trailers)
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_completed)
            {
                _completed = true;
                WriteStatus(status, trailers);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void OnCancelled()
    {
        if (RequestAborted.IsCancellationRequested)
        {
            return;
        }

        ServerLog.DeadlineExceeded(_runtime.Logger, Method);
        _deadlineTask = DeadlineExceededAsync();
    }

    private async Task DeadlineExceededAsync()
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed || RequestAborted.IsCancellationRequested)
            {
                return;
            }

            _completed = true;
            WriteStatus(GrpcStatuses.DeadlineExceeded, null);
            await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            ServerLog.ErrorAfterCompletion(_runtime.Logger, Method, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask EndDeadlineAsync()
    {
        await _deadlineRegistration.DisposeAsync().ConfigureAwait(false);
        var pending = Volatile.Read(ref _deadlineTask);
        if (pending is not null)
        {
            await pending.ConfigureAwait(false);
        }

        _deadlineCts!.Dispose();
        _writeLock!.Dispose();
    }

    private void WriteStatus(Status status, Metadata? trailers)
    {
        var response = HttpContext.Response;
        IHeaderDictionary target;
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-Only: the status travels in the one HEADERS frame, which ends the stream.
            target = response.Headers;
        }
        else
        {
            target = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("The server does not support response trailers.");
        }

        target.GrpcStatus = StatusValues[(int)status.Code];
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }

        if (_responseTrailers is { Count: > 0 })
        {
            MetadataHeaders.AppendTo(target, _responseTrailers);
        }

        if (trailers is { Count: > 0 })
        {
            MetadataHeaders.AppendTo(target, trailers);
        }
    }

    private static StringValues[] CreateStatusValues()
    {
        var values = new StringValues[17];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new StringValues(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}
