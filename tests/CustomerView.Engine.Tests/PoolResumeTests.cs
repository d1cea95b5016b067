namespace CustomerView.Engine.Tests;

public sealed class PoolResumeTests
{
    [Fact]
    public void Await_ContinuesOnAPoolThread_WhenAwaitedOffThePool()
    {
        var continuedOnPool = false;
        var caller = 0;
        var continuedOn = -1;
        var thread = new Thread(() =>
        {
            caller = Environment.CurrentManagedThreadId;
            var (onPool, on) = ResumeAsync().GetAwaiter().GetResult();
            continuedOnPool = onPool;
            continuedOn = on;
        });
        thread.Start();
        thread.Join();

        Assert.True(continuedOnPool);
        Assert.NotEqual(caller, continuedOn);
    }

    [Fact]
    public async Task Await_ContinuesAtOnce_WhenAwaitedOnAPoolThread()
    {
        var (before, after) = await Task.Run(async () =>
        {
            var start = Environment.CurrentManagedThreadId;
            await default(PoolResume);
            return (start, Environment.CurrentManagedThreadId);
        }, TestContext.Current.CancellationToken);

        Assert.Equal(before, after);
    }

    private static async Task<(bool OnPool, int On)> ResumeAsync()
    {
        await default(PoolResume);
        return (Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId);
    }
}
