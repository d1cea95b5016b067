namespace CustomerView.Grpc.Tests.Infrastructure;

/// <summary>What the test handlers observed, so that tests can see that the handler's work stopped.</summary>
public sealed class HandlerProbe
{
    public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _messagesWritten;

    public int MessagesWritten => Volatile.Read(ref _messagesWritten);

    public void MessageWritten() => Interlocked.Increment(ref _messagesWritten);
}
