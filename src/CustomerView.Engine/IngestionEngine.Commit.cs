using CustomerView.Contracts.State;
using CustomerView.Storage;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    /// <summary>
    /// Makes everything applied so far durable: waits for the dead-letter acknowledgements, then commits every changed
    /// partition in one storage transaction, each under its own lease: the batch's events as one journal row, the
    /// snapshots that are due, and the offsets.
    /// </summary>
    private void CommitAll(Func<int, bool>? only = null)
    {
        if (_pendingDeadLetters.Count > 0)
        {
            // A skipped record's offset may only become durable once its dead-letter copy is acknowledged.
            Task.WaitAll(_pendingDeadLetters);
            _pendingDeadLetters.Clear();
        }

        var plans = new List<CommitPlan>(_partitions.Count);
        var now = _time.GetUtcNow();
        foreach (var (number, partition) in _partitions)
        {
            if (partition.Fenced || (only is not null && !only(number))
                || (partition.Dirty.Count == 0 && !partition.OffsetsChanged && !HasAgedBucket(partition)))
            {
                continue;
            }

            BeforeCommit?.Invoke(number);
            plans.Add(Plan(number, partition, now));
        }

        if (plans.Count > 0)
        {
            var commits = new PartitionCommit[plans.Count];
            for (var i = 0; i < commits.Length; i++)
            {
                commits[i] = plans[i].Commit;
            }

            var started = _time.GetTimestamp();
            // Never cancelled: the last commits run while the engine stops (the loop's exit and the revoke during Close),
            // and an abandoned commit would lose what was applied. The store's own timeouts bound it.
            var outcomes = _store.CommitAsync(commits, CancellationToken.None).GetAwaiter().GetResult();
            var written = 0;
            for (var i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                if (outcomes[i] == CommitOutcome.Fenced)
                {
                    Fence(plan.Number, plan.Partition);
                    continue;
                }

                Completed(plan);
                written += plan.Snapshotted.Count;
            }

            Statistics.Committed(written, _time.GetElapsedTime(started));
        }

        if (only is null)
        {
            _applied = 0;
        }
    }

    /// <summary>
    /// Chooses what one partition's commit writes. A snapshot is written for a customer whose
    /// identifiers or wake-up time changed (the lookup index and the clock read them from storage), one changed outside
    /// the journal (a clock tick), one with many events since its snapshot, and, oldest first within a budget, one whose
    /// change has waited in the journal for <see cref="EngineOptions.SnapshotAfter"/>. Everything else rides in the
    /// journal row.
    /// </summary>
    private CommitPlan Plan(int number, PartitionState partition, DateTimeOffset now)
    {
        var sequence = partition.JournalNext;
        var writes = new List<ProfileWrite>();
        var snapshotted = new List<CustomerActor>();
        var journaled = new List<CustomerActor>();
        var budget = _options.MaxSnapshotsPerCommit;
        foreach (var actor in partition.Dirty)
        {
            if (!_actors.TryRun(actor, (Engine: this, now), static (a, s) => s.Engine.SnapshotDue(a, s.now), out var due))
            {
                continue;
            }

            var eventCountDue = due == SnapshotReason.EventCount && budget > 0;
            if (due is SnapshotReason.Required || eventCountDue)
            {
                budget -= eventCountDue ? 1 : 0;
                Snapshot(actor, sequence, now, writes, snapshotted);
            }
            else
            {
                journaled.Add(actor);
            }
        }

        var buckets = partition.Unsnapshotted;
        while (budget > 0 && buckets.TryPeek(out var bucket) && CameOfAge(bucket))
        {
            for (; bucket.Next < bucket.Actors.Count && budget > 0; bucket.Next++)
            {
                var actor = bucket.Actors[bucket.Next];
                if (actor.FirstUnsnapshotted == bucket.Sequence && !actor.SnapshotPlanned && Snapshot(actor, sequence, now, writes, snapshotted))
                {
                    budget--;
                }
            }

            if (bucket.Next < bucket.Actors.Count)
            {
                break;
            }

            buckets.Dequeue();
        }

        var needsJournal = false;
        foreach (var actor in journaled)
        {
            needsJournal |= !actor.SnapshotPlanned;
        }

        var keepFrom = buckets.TryPeek(out var oldest) ? oldest.Sequence : needsJournal ? sequence : sequence + 1;
        var commit = new PartitionCommit(partition.Lease, writes, new Dictionary<string, long>(partition.Offsets, StringComparer.Ordinal))
        {
            Journal = needsJournal ? partition.Journal.WrittenMemory : ReadOnlyMemory<byte>.Empty,
            JournalSequence = sequence,
            JournalKeepFrom = keepFrom,
        };
        return new CommitPlan(number, partition, commit, snapshotted, journaled);
    }

    private bool Snapshot(CustomerActor actor, long sequence, DateTimeOffset now, List<ProfileWrite> writes, List<CustomerActor> snapshotted)
    {
        if (!_actors.TryRun(actor, (sequence, now), static (a, s) => ToWrite(a, s.sequence, s.now), out var write))
        {
            return false;
        }

        actor.SnapshotPlanned = true;
        writes.Add(write);
        snapshotted.Add(actor);
        return true;
    }

    /// <summary>After a successful commit: snapshotted actors are current, journaled ones wait in a bucket for their snapshot.</summary>
    private void Completed(CommitPlan plan)
    {
        var partition = plan.Partition;
        var sequence = plan.Commit.JournalSequence;
        var writes = plan.Commit.Profiles;
        for (var i = 0; i < plan.Snapshotted.Count; i++)
        {
            _actors.TryRun(plan.Snapshotted[i], (sequence, writes[i].NextWakeUp), static (a, s) =>
            {
                a.Snapshotted(s.sequence, s.NextWakeUp);
                return 0;
            }, out _);
            plan.Snapshotted[i].SnapshotPlanned = false; // also when the actor was deactivated meanwhile and took no turn
        }

        List<CustomerActor>? waiting = null;
        foreach (var actor in plan.Journaled)
        {
            if (actor.SnapshotPlanned)
            {
                continue; // snapshotted above, for age, in this same commit
            }

            var first = actor.FirstUnsnapshotted == 0;
            if (_actors.TryRun(actor, sequence, static (a, s) =>
                {
                    a.Journaled(s);
                    return 0;
                }, out _) && first)
            {
                (waiting ??= []).Add(actor);
            }
        }

        if (waiting is not null)
        {
            partition.Unsnapshotted.Enqueue(new JournalBucket(sequence, _time.GetTimestamp(), waiting));
        }

        partition.JournalNext = sequence + 1;
        partition.Journal.ResetWrittenCount();
        partition.Dirty.Clear();
        partition.OffsetsChanged = false;
    }

    private bool HasAgedBucket(PartitionState partition) => partition.Unsnapshotted.TryPeek(out var bucket) && CameOfAge(bucket);

    /// <summary>Whether a bucket's changes waited their longest in the journal: the snapshot age, or the idle timeout if shorter.</summary>
    private bool CameOfAge(JournalBucket bucket)
    {
        var maxAge = _options.SnapshotAfter < _options.Actors.IdleTimeout ? _options.SnapshotAfter : _options.Actors.IdleTimeout;
        return _time.GetElapsedTime(bucket.CommittedAt) >= maxAge;
    }

    private void Fence(int number, PartitionState partition)
    {
        partition.Fenced = true;
        partition.Dirty.Clear();
        partition.Unsnapshotted.Clear();
        partition.Journal.ResetWrittenCount();
        Log.Fenced(_logger, number, partition.Lease.Token);
        _actors.DeactivateWhere(a => a.Partition == number);
    }

    private SnapshotReason SnapshotDue(CustomerActor actor, DateTimeOffset now)
    {
        if (actor.IdentifiersDirty || actor.SnapshotRequired)
        {
            return SnapshotReason.Required;
        }

        if (actor.WakeUpMayHaveChanged && WakeUpOf(actor.Profile, now) != actor.StoredWakeUp)
        {
            return SnapshotReason.Required;
        }

        return actor.EventsSinceSnapshot >= _options.SnapshotEveryEvents ? SnapshotReason.EventCount : SnapshotReason.None;
    }

    private static DateTimeOffset? WakeUpOf(Domain.Profiles.CustomerProfile profile, DateTimeOffset now) =>
        profile.DueEvents(now).Count > 0 ? now : profile.NextWakeUp(now);

    private static ProfileWrite ToWrite(CustomerActor actor, long sequence, DateTimeOffset now)
    {
        var profile = actor.Profile;
        var identifiers = profile.Identifiers;
        var indexed = new IndexedIdentifier[identifiers.Count];
        for (var i = 0; i < indexed.Length; i++)
        {
            indexed[i] = new IndexedIdentifier(identifiers[i].Kind, identifiers[i].Key, identifiers[i].Shared);
        }

        return new ProfileWrite(
            profile.CustomerId.Value,
            profile.Revision,
            ProfileStateCodec.Serialize(profile.ToSnapshot()),
            WakeUpOf(profile, now),
            indexed,
            profile.LastEventAt)
        {
            IdentifiersChanged = actor.IdentifiersDirty || actor.SnapshotSequence == CustomerActor.NeverStored,
            JournalSequence = sequence,
        };
    }

    private enum SnapshotReason
    {
        None,
        EventCount,
        Required,
    }

    private sealed record CommitPlan(int Number, PartitionState Partition, PartitionCommit Commit, List<CustomerActor> Snapshotted, List<CustomerActor> Journaled);
}
