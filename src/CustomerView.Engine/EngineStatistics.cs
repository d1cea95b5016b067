using System.Diagnostics.Metrics;

namespace CustomerView.Engine;

/// <summary>Counts of what an engine did; also published as metrics under the meter "CustomerView.Engine".</summary>
public sealed class EngineStatistics
{
    private static readonly Meter Meter = new("CustomerView.Engine");
    private static readonly Counter<long> ConsumedCounter = Meter.CreateCounter<long>("customerview.engine.records_consumed");
    private static readonly Counter<long> AppliedCounter = Meter.CreateCounter<long>("customerview.engine.events_applied");
    private static readonly Counter<long> DeadLetteredCounter = Meter.CreateCounter<long>("customerview.engine.records_dead_lettered");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("customerview.engine.commit_duration", "ms");

    private long _consumed;
    private long _applied;
    private long _duplicates;
    private long _deadLettered;
    private long _commits;
    private long _profilesWritten;
    private long _clockTicks;
    private long _committingTicks;
    private long _waitingTicks;

    /// <summary>A consistent-enough copy of the counters.</summary>
    public EngineCounts Snapshot() => new(
        Interlocked.Read(ref _consumed),
        Interlocked.Read(ref _applied),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _deadLettered),
        Interlocked.Read(ref _commits),
        Interlocked.Read(ref _profilesWritten),
        Interlocked.Read(ref _clockTicks))
    {
        Committing = TimeSpan.FromTicks(Interlocked.Read(ref _committingTicks)),
        WaitingForCommits = TimeSpan.FromTicks(Interlocked.Read(ref _waitingTicks)),
    };

    internal void Consumed()
    {
        Interlocked.Increment(ref _consumed);
        ConsumedCounter.Add(1);
    }

    internal void Applied()
    {
        Interlocked.Increment(ref _applied);
        AppliedCounter.Add(1);
    }

    internal void Duplicate() => Interlocked.Increment(ref _duplicates);

    internal void DeadLettered()
    {
        Interlocked.Increment(ref _deadLettered);
        DeadLetteredCounter.Add(1);
    }

    internal void ClockTicked() => Interlocked.Increment(ref _clockTicks);

    internal void Committed(int profiles, TimeSpan took)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _profilesWritten, profiles);
        Interlocked.Add(ref _committingTicks, took.Ticks);
        CommitDuration.Record(took.TotalMilliseconds);
    }

    internal void WaitedForCommit(TimeSpan waited) => Interlocked.Add(ref _waitingTicks, waited.Ticks);
}

/// <summary>Counters of an engine at one moment.</summary>
/// <param name="Consumed">Records consumed.</param>
/// <param name="Applied">Events applied (including rejected transitions, which are recorded).</param>
/// <param name="Duplicates">Events already applied before.</param>
/// <param name="DeadLettered">Records sent to the dead-letter topic.</param>
/// <param name="Commits">Partition commits.</param>
/// <param name="ProfilesWritten">Profile snapshots written.</param>
/// <param name="ClockTicks">Clock-driven refreshes.</param>
public sealed record EngineCounts(long Consumed, long Applied, long Duplicates, long DeadLettered, long Commits, long ProfilesWritten, long ClockTicks)
{
    /// <summary>Time commits took, from handing them to storage (snapshot encoding included) to their completion.</summary>
    public TimeSpan Committing { get; init; }

    /// <summary>Time the ingestion loop stood still waiting for a commit in flight to complete.</summary>
    public TimeSpan WaitingForCommits { get; init; }
}
