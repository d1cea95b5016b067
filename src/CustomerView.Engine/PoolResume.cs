namespace CustomerView.Engine;

/// <summary>
/// An awaitable that continues on a thread-pool thread: at once when the awaiting code already runs on one, queued to
/// one otherwise. After a storage round trip whose completion may run on the socket engine's own thread (inline socket
/// completions, as the node runs with), the rest of a query (restoring a profile, rendering it, taking an actor's turn)
/// must not hold that thread, which serves every connection assigned to it.
/// </summary>
internal readonly struct PoolResume : System.Runtime.CompilerServices.ICriticalNotifyCompletion
{
    /// <summary>Whether the continuation may run where it is.</summary>
    public bool IsCompleted => Thread.CurrentThread.IsThreadPoolThread;

    public PoolResume GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
