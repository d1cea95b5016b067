using System.IO.Pipelines;

namespace CustomerView.Http2.Server;

/// <summary>
/// Where a request body's reader resumes: a handler waiting for body that the connection's loop just read continues on
/// the loop, after the frames that came with it (<see cref="Http2Connection.RunDeferred"/>), as a handler whose whole
/// request came at once runs there; only a wake-up from elsewhere (a reset by the application, a cancelled read) goes to
/// the thread pool. On the thread pool, the handler would answer from another thread, flushing the connection beside
/// the loop, and a client that sends a request's HEADERS and DATA in separate writes would have every call do that.
/// </summary>
internal sealed class Http2LoopScheduler(Http2Connection connection) : PipeScheduler
{
    /// <inheritdoc />
    public override void Schedule(Action<object?> action, object? state)
    {
        if (!connection.TryDefer(action, state))
        {
            ThreadPool.Schedule(action, state);
        }
    }
}
