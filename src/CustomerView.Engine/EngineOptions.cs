using CustomerView.Actors;
using CustomerView.Domain.Profiles;

namespace CustomerView.Engine;

/// <summary>Settings of a node's engine.</summary>
public sealed record EngineOptions
{
    /// <summary>This node's name, recorded as the owner of the partitions it leases.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>
    /// Events applied between two durable commits at most. A batch normally commits after <see cref="MaxBatchDelay"/>;
    /// it grows towards this bound only while the previous commit is still being written, so slow storage (a long
    /// fsync, a busy machine) makes batches larger rather than stopping the loop: at 50,000 events/s, 100,000 is 2 s
    /// of events, which is also the most a crash makes the next owner consume again. With 20,000 the loop waited for
    /// the commit in flight 26–31 % of an ingestion benchmark's window; with 100,000, 3 %.
    /// </summary>
    public int MaxBatchSize { get; init; } = 100_000;

    /// <summary>
    /// How long applied events wait before their commit starts, once the previous commit is done: storage works on one
    /// commit while the next batch gathers, and a batch that comes due meanwhile goes on gathering (up to
    /// <see cref="MaxBatchSize"/>) until that commit completes.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Longest a customer's change may live only in the partition journal before its snapshot is written (also bounded
    /// by the actors' idle timeout, since an actor stays active until its snapshot is current). Longer means fewer
    /// snapshot writes and a longer journal replay when a partition moves. Commits pace the waiting snapshots over this
    /// age, so customers whose changes began together (a node starting, partitions taken over) are not all written
    /// in the same few commits.
    /// </summary>
    public TimeSpan SnapshotAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events after which a customer's snapshot is written at the next commit.</summary>
    public int SnapshotEveryEvents { get; init; } = 64;

    /// <summary>Snapshots written per partition per commit at most for age or event count (required ones always are).</summary>
    public int MaxSnapshotsPerCommit { get; init; } = 1_000;

    /// <summary>How often clock-driven work (expiries, alert changes) is looked for.</summary>
    public TimeSpan DueWorkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Updates a watcher may have outstanding before it is cut off as too slow.</summary>
    public int WatchBufferSize { get; init; } = 64;

    /// <summary>Active-actor bounds.</summary>
    public ActorTableOptions Actors { get; init; } = new();

    /// <summary>Profile bounds and rules.</summary>
    public ProfileOptions Profiles { get; init; } = ProfileOptions.Default;
}
