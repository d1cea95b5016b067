namespace CustomerView.Cli.Tests;

/// <summary>Records what the command line asked for instead of calling a server.</summary>
internal sealed class RecordingActions : ICliActions
{
    public List<object> Invocations { get; } = [];

    public Task<int> ProfileAsync(ProfileInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    public Task<int> LookupAsync(LookupInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    public Task<int> TasksAsync(TasksInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    public Task<int> InteractionsAsync(InteractionsInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    public Task<int> WatchAsync(WatchInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    public Task<int> ProduceAsync(ProduceInvocation invocation, CancellationToken cancellationToken) => Record(invocation);

    private Task<int> Record(object invocation)
    {
        Invocations.Add(invocation);
        return Task.FromResult(0);
    }
}
