using System.Buffers;
using System.Runtime.InteropServices;
using CustomerView.Domain;
using CustomerView.Domain.Profiles;
using CustomerView.Contracts.State;
using CustomerView.Storage;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    /// <summary>Blocks kept for commits' snapshots between commits: 64 MiB at most, more than a commit of 6,000 snapshots uses.</summary>
    private readonly SnapshotArena.BlockPool _snapshotBlocks = new(64);

    /// <summary>The commit handed to storage and not completed yet; at most one at a time, so commits complete in order.</summary>
    private InFlightCommit? _inFlight;

    /// <summary>
    /// Starts making everything applied so far durable: completes the commit in flight, waits for the dead-letter
    /// acknowledgements, then hands every changed partition to storage in one transaction, each under its own lease:
    /// the batch's events as one journal row, the snapshots that are due, and the offsets. The loop goes on applying
    /// while storage works (snapshot encoding included); with <paramref name="wait"/> it waits for the outcome.
    /// </summary>
    private void CommitAll(Func<int, bool>? only = null, bool wait = false)
    {
        FinishCommit();
        var plans = new List<CommitPlan>(_partitions.Count);
        var arena = new SnapshotArena(_snapshotBlocks);
        var now = _time.GetUtcNow();
        foreach (var (number, partition) in _partitions)
        {
            if (partition.Fenced || (only is not null && !only(number))
                || (partition.Dirty.Count == 0 && !partition.OffsetsChanged && !HasAgedBucket(partition)))
            {
                continue;
            }

            BeforeCommit?.Invoke(number);
            plans.Add(Plan(number, partition, now, arena));
        }

        if (only is null)
        {
            _applied = 0;
        }

        if (plans.Count > 0)
        {
            // A skipped record's offset may only become durable once its dead-letter copy is acknowledged: the commit
            // waits for those acknowledgements first (off the loop, like the rest of it).
            Task[] deadLetters = [.. _pendingDeadLetters];
            _pendingDeadLetters.Clear();
            var started = _time.GetTimestamp();
            _inFlight = new InFlightCommit(plans, Task.Run(() => WriteAsync(_store, deadLetters, plans, arena)), started, arena);
        }

        if (wait)
        {
            FinishCommit();
        }
    }

    /// <summary>Completes the commit in flight, waiting for it if storage is not done yet.</summary>
    private void FinishCommit()
    {
        if (_inFlight is not { } commit)
        {
            return;
        }

        _inFlight = null;
        var waitStarted = commit.Outcomes.IsCompleted ? 0 : _time.GetTimestamp();
        var outcomes = commit.Outcomes.GetAwaiter().GetResult();
        if (waitStarted != 0)
        {
            Statistics.WaitedForCommit(_time.GetElapsedTime(waitStarted));
        }

        var written = 0;
        for (var i = 0; i < commit.Plans.Count; i++)
        {
            var plan = commit.Plans[i];
            if (outcomes[i] == CommitOutcome.Fenced)
            {
                Fence(plan.Number, plan.Partition);
                continue;
            }

            Completed(plan);
            written += plan.Snapshots.Count;
        }

        commit.Arena.Release();
        Statistics.Committed(written, _time.GetElapsedTime(commit.Started));
    }

    /// <summary>Completes the commit in flight if storage is done with it; never waits.</summary>
    private void FinishCommitIfDone()
    {
        if (_inFlight is { Outcomes.IsCompleted: true })
        {
            FinishCommit();
        }
    }

    /// <summary>
    /// The part of a commit that runs off the loop: waits for the dead-letter acknowledgements, encodes the snapshots and
    /// writes. Never cancelled: the last commits run while the engine stops (the loop's exit and the revoke during
    /// Close), and an abandoned commit would lose what was applied. The store's own timeouts bound it.
    /// </summary>
    private static async Task<IReadOnlyList<CommitOutcome>> WriteAsync(IProfileStore store, Task[] deadLetters, List<CommitPlan> plans, SnapshotArena arena)
    {
        if (deadLetters.Length > 0)
        {
            await Task.WhenAll(deadLetters).ConfigureAwait(false);
        }

        return await store.CommitAsync(ToCommits(plans, arena), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Encodes the planned snapshots (off the loop's thread) and builds what storage writes.</summary>
    private static PartitionCommit[] ToCommits(List<CommitPlan> plans, SnapshotArena arena)
    {
        var commits = new PartitionCommit[plans.Count];
        for (var i = 0; i < commits.Length; i++)
        {
            var plan = plans[i];
            var writes = new ProfileWrite[plan.Snapshots.Count];
            for (var j = 0; j < writes.Length; j++)
            {
                writes[j] = plan.Snapshots[j].Encode(arena);
            }

            commits[i] = plan.Commit with { Profiles = writes };
        }

        return commits;
    }

    /// <summary>
    /// Chooses what one partition's commit writes. A snapshot is written for a customer whose
    /// identifiers or wake-up time changed (the lookup index and the clock read them from storage), one changed outside
    /// the journal (a clock tick), one with many events since its snapshot, and, oldest first within a budget, one whose
    /// change has waited in the journal for <see cref="EngineOptions.SnapshotAfter"/>, or is paced ahead of that (see
    /// <see cref="PacedEntries"/>). Everything else rides in the journal row.
    /// </summary>
    private CommitPlan Plan(int number, PartitionState partition, DateTimeOffset now, SnapshotArena arena)
    {
        var sequence = partition.JournalNext;
        var snapshots = new List<PlannedSnapshot>();
        var journaled = new List<CustomerActor>();
        var budget = _options.MaxSnapshotsPerCommit;
        var rented = ArrayPool<CustomerActor>.Shared.Rent(partition.Dirty.Count);
        var dirty = rented.AsSpan(0, partition.Dirty.Count);
        partition.Dirty.CopyTo(rented);
        var touchedAt = _time.GetTimestamp();
        for (var i = 0; i < dirty.Length; i++)
        {
            var actor = dirty[i];
            PrefetchActor(dirty, i + ActorPrefetchDistance);

            // One turn decides and takes: the snapshot, or the mark that the journal row carries the changes.
            if (!_actors.TryRun(actor, touchedAt, (Engine: this, now, sequence, CountBudget: budget > 0, arena), static (a, s) => s.Engine.PlanActor(a, s.now, s.sequence, s.CountBudget, s.arena), out var planned))
            {
                continue;
            }

            if (planned.Snapshot is { } snapshot)
            {
                budget -= planned.ForEventCount ? 1 : 0;
                snapshots.Add(snapshot);
            }
            else
            {
                journaled.Add(actor);
            }
        }

        var buckets = partition.Unsnapshotted;
        var paced = PacedEntries(partition);
        while (budget > 0 && paced > 0 && buckets.TryPeek(out var bucket))
        {
            for (; bucket.Next < bucket.Actors.Count && budget > 0 && paced > 0; bucket.Next++, paced--)
            {
                var actor = bucket.Actors[bucket.Next];
                if (actor.FirstUnsnapshotted == bucket.Sequence && !actor.SnapshotPlanned
                    && _actors.TryRun(actor, (sequence, now, arena), static (a, s) => Take(a, s.sequence, s.now, s.arena), out var snapshot))
                {
                    snapshots.Add(snapshot);
                    budget--;
                }
            }

            if (bucket.Next < bucket.Actors.Count)
            {
                break;
            }

            buckets.Dequeue();
        }

        dirty.Clear();
        ArrayPool<CustomerActor>.Shared.Return(rented);

        var needsJournal = false;
        foreach (var actor in journaled)
        {
            needsJournal |= !actor.SnapshotPlanned;
        }

        var keepFrom = buckets.TryPeek(out var oldest) ? oldest.Sequence : needsJournal ? sequence : sequence + 1;
        var journal = partition.Journal;
        var commit = new PartitionCommit(partition.Lease, [], new Dictionary<string, long>(partition.Offsets, StringComparer.Ordinal))
        {
            Journal = needsJournal ? journal.WrittenMemory : ReadOnlyMemory<byte>.Empty,
            JournalSequence = sequence,
            JournalKeepFrom = keepFrom,
        };

        // What comes next goes with the next commit: a fresh batch buffer (this one is read by storage until the commit
        // completes), a fresh dirty set, the next sequence.
        partition.Journal = partition.SpareJournal;
        partition.SpareJournal = journal;
        partition.Dirty.Clear();
        partition.OffsetsChanged = false;
        partition.JournalNext = sequence + 1;
        return new CommitPlan(number, partition, commit, snapshots, journaled, journal);
    }

    /// <summary>
    /// In <paramref name="actor"/>'s turn: takes its snapshot when one is required, or due for its event count while
    /// <paramref name="countBudget"/> allows; otherwise marks its changes as carried by the journal row.
    /// </summary>
    private (PlannedSnapshot? Snapshot, bool ForEventCount) PlanActor(CustomerActor actor, DateTimeOffset now, long sequence, bool countBudget, SnapshotArena arena)
    {
        var due = SnapshotDue(actor, now);
        if (due is SnapshotReason.Required || (due is SnapshotReason.EventCount && countBudget))
        {
            return (Take(actor, sequence, now, arena), due is SnapshotReason.EventCount);
        }

        actor.JournalPlanned();
        return (null, false);
    }

    /// <summary>
    /// After a successful commit: snapshotted actors are current, journaled ones wait in a bucket for their snapshot
    /// (unless this same commit also carried their snapshot, for age).
    /// </summary>
    private void Completed(CommitPlan plan)
    {
        var partition = plan.Partition;
        var sequence = plan.Commit.JournalSequence;
        List<CustomerActor>? waiting = null;
        var journaled = CollectionsMarshal.AsSpan(plan.Journaled);
        var touchedAt = _time.GetTimestamp();
        for (var i = 0; i < journaled.Length; i++)
        {
            var actor = journaled[i];
            PrefetchActor(journaled, i + ActorPrefetchDistance);
            if (actor.SnapshotPlanned)
            {
                continue; // snapshotted below, for age, in this same commit
            }

            var first = actor.FirstUnsnapshotted == 0;
            if (_actors.TryRun(actor, touchedAt, sequence, static (a, s) =>
                {
                    a.Journaled(s);
                    return 0;
                }, out _) && first)
            {
                (waiting ??= []).Add(actor);
            }
        }

        foreach (var snapshot in plan.Snapshots)
        {
            _actors.TryRun(snapshot.Actor, (sequence, snapshot.WakeUp), static (a, s) =>
            {
                a.Snapshotted(s.sequence, s.WakeUp);
                return 0;
            }, out _);
            snapshot.Actor.SnapshotPlanned = false; // also when the actor was deactivated meanwhile and took no turn
        }

        if (waiting is not null)
        {
            partition.Unsnapshotted.Enqueue(new JournalBucket(sequence, _time.GetTimestamp(), waiting));
        }

        plan.JournalBuffer.ResetWrittenCount();
    }

    /// <summary>Actors between the one a commit-planning loop works on and the one it asks the processor for.</summary>
    private const int ActorPrefetchDistance = 8;

    /// <summary>
    /// Asks the processor for actor <paramref name="index"/>'s fields, if there is one: the loops over a commit's actors
    /// (tens of thousands, out of the processor's caches) read a few fields of each under its turn.
    /// </summary>
    private static void PrefetchActor(ReadOnlySpan<CustomerActor> actors, int index)
    {
        if (index < actors.Length)
        {
            MemoryHints.Prefetch(actors[index], CustomerActor.FieldBytes);
        }
    }

    private bool HasAgedBucket(PartitionState partition) => partition.Unsnapshotted.TryPeek(out var bucket) && _time.GetElapsedTime(bucket.CommittedAt) >= MaxJournalAge;

    /// <summary>How long a change may wait in the journal for its snapshot: the snapshot age, or the idle timeout if shorter.</summary>
    private TimeSpan MaxJournalAge => _options.SnapshotAfter < _options.Actors.IdleTimeout ? _options.SnapshotAfter : _options.Actors.IdleTimeout;

    /// <summary>
    /// How many entries of the waiting buckets (oldest first; entries of actors snapshotted meanwhile included) this
    /// commit walks for their snapshots: every one whose change came of age, and the share of each deadline's backlog
    /// that the slowest steady pace meeting every deadline takes in the time since the last commit (fractions carried
    /// to the next commit). Actors whose changes began together (a node starting, partitions taken over after a
    /// failure) would otherwise all come of age together, <see cref="EngineOptions.SnapshotAfter"/> later, and their
    /// snapshots fill the commits of those seconds; paced, they drain evenly over the age, and so do their later
    /// cycles. No snapshot comes later than its deadline; paced ones come earlier (a lone waiting actor at about two
    /// thirds of the age, when commits keep coming). Only commits pace: a partition without traffic is planned when a
    /// change comes of age.
    /// </summary>
    private long PacedEntries(PartitionState partition)
    {
        var now = _time.GetTimestamp();
        var interval = partition.PlannedAt == 0 ? 0 : _time.GetElapsedTime(partition.PlannedAt, now).TotalSeconds;
        partition.PlannedAt = now;
        var maxAge = MaxJournalAge.TotalSeconds;
        long waiting = 0;
        double paced = 0;
        foreach (var bucket in partition.Unsnapshotted)
        {
            waiting += bucket.Actors.Count - bucket.Next;
            var left = maxAge - _time.GetElapsedTime(bucket.CommittedAt, now).TotalSeconds;
            var share = left <= interval ? waiting : waiting * interval / left;
            paced = share > paced ? share : paced;
        }

        paced += partition.PacedCarry;
        var entries = (long)paced;
        partition.PacedCarry = paced - entries;
        return entries;
    }

    private void Fence(int number, PartitionState partition)
    {
        partition.Fenced = true;
        partition.Dirty.Clear();
        partition.Unsnapshotted.Clear();
        partition.Journal.ResetWrittenCount();
        partition.SpareJournal.ResetWrittenCount();
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

    /// <summary>Captures, in the actor's turn, what its snapshot write needs; the encoding happens later, off the loop.</summary>
    private static PlannedSnapshot Take(CustomerActor actor, long sequence, DateTimeOffset now, SnapshotArena arena)
    {
        var profile = actor.Profile;
        var identifiers = profile.Identifiers;
        var indexed = new IndexedIdentifier[identifiers.Count];
        for (var i = 0; i < indexed.Length; i++)
        {
            indexed[i] = new IndexedIdentifier(identifiers[i].Kind, identifiers[i].Key, identifiers[i].Shared);
        }

        var identifiersChanged = actor.IdentifiersDirty || actor.SnapshotSequence == CustomerActor.NeverStored;
        var snapshot = new PlannedSnapshot(actor, profile.ToSnapshot(arena), WakeUpOf(profile, now), indexed, identifiersChanged, sequence);
        actor.SnapshotTaken();
        return snapshot;
    }

    private enum SnapshotReason
    {
        None,
        EventCount,
        Required,
    }

    /// <summary>One partition's share of a commit: what storage writes, and whom to tell when it is durable.</summary>
    private sealed record CommitPlan(
        int Number,
        PartitionState Partition,
        PartitionCommit Commit,
        List<PlannedSnapshot> Snapshots,
        List<CustomerActor> Journaled,
        System.Buffers.ArrayBufferWriter<byte> JournalBuffer);

    /// <summary>
    /// A snapshot taken in its actor's turn, an immutable copy the commit encodes on its own thread; its history copy
    /// and its encoded bytes live in the commit's <see cref="SnapshotArena"/>.
    /// </summary>
    private sealed record PlannedSnapshot(CustomerActor Actor, ProfileSnapshot Snapshot, DateTimeOffset? WakeUp, IndexedIdentifier[] Identifiers, bool IdentifiersChanged, long Sequence)
    {
        public ProfileWrite Encode(SnapshotArena arena) =>
            new(Snapshot.CustomerId, Snapshot.Revision, ProfileStateCodec.Serialize(Snapshot, arena), WakeUp, Identifiers, Snapshot.LastEventAt)
            {
                IdentifiersChanged = IdentifiersChanged,
                JournalSequence = Sequence,
            };
    }

    /// <summary>A commit handed to storage: its plans, the storage outcome per plan, when it started, and its snapshots' memory.</summary>
    private sealed record InFlightCommit(List<CommitPlan> Plans, Task<IReadOnlyList<CommitOutcome>> Outcomes, long Started, SnapshotArena Arena);
}
