using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli;

/// <summary>A parsed <c>cv profile</c>.</summary>
internal sealed record ProfileInvocation(Uri Server, string CustomerId, V1.ProfileView View, bool Json);

/// <summary>A parsed <c>cv lookup</c>.</summary>
internal sealed record LookupInvocation(Uri Server, V1.IdentifierKind Kind, string Value, bool IncludeCard);

/// <summary>A parsed <c>cv tasks</c>.</summary>
internal sealed record TasksInvocation(Uri Server, string CustomerId, bool All, IReadOnlyList<V1.TaskStatus> Statuses);

/// <summary>A parsed <c>cv interactions</c>.</summary>
internal sealed record InteractionsInvocation(Uri Server, string CustomerId, IReadOnlyList<V1.Channel> Channels, int PageSize, string PageToken);

/// <summary>A parsed <c>cv watch</c>.</summary>
internal sealed record WatchInvocation(Uri Server, string CustomerId, V1.ProfileView View);

/// <summary>A parsed <c>cv produce</c>.</summary>
internal sealed record ProduceInvocation(string BootstrapServers, int Customers, double Rate, int Seed, double JsonShare, double PoisonShare);

/// <summary>What each command does once parsed; the real one calls the server, tests record the invocations.</summary>
internal interface ICliActions
{
    Task<int> ProfileAsync(ProfileInvocation invocation, CancellationToken cancellationToken);

    Task<int> LookupAsync(LookupInvocation invocation, CancellationToken cancellationToken);

    Task<int> TasksAsync(TasksInvocation invocation, CancellationToken cancellationToken);

    Task<int> InteractionsAsync(InteractionsInvocation invocation, CancellationToken cancellationToken);

    Task<int> WatchAsync(WatchInvocation invocation, CancellationToken cancellationToken);

    Task<int> ProduceAsync(ProduceInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>Process exit codes of <c>cv</c>.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered with an error status.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The server (or Kafka) could not be reached.</summary>
    public const int Unavailable = 3;
}
