using CustomerView.Contracts.State;
using CustomerView.Storage;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    /// <summary>
    /// Makes everything applied so far durable: waits for the dead-letter acknowledgements, then commits each
    /// changed partition's profiles and offsets in one transaction under its lease.
    /// </summary>
    private void CommitAll(Func<int, bool>? only = null)
    {
        if (_pendingDeadLetters.Count > 0)
        {
            // A skipped record's offset may only become durable once its dead-letter copy is acknowledged.
            Task.WaitAll(_pendingDeadLetters);
            _pendingDeadLetters.Clear();
        }

        foreach (var (number, partition) in _partitions)
        {
            if (partition.Fenced || (only is not null && !only(number)) || (partition.Dirty.Count == 0 && !partition.OffsetsChanged))
            {
                continue;
            }

            Commit(number, partition);
        }

        if (only is null)
        {
            _applied = 0;
        }
    }

    private void Commit(int number, PartitionState partition)
    {
        var writes = new List<ProfileWrite>(partition.Dirty.Count);
        var now = _time.GetUtcNow();
        foreach (var actor in partition.Dirty)
        {
            if (_actors.TryRun(actor, now, static (a, now) => ToWrite(a, now), out var write))
            {
                writes.Add(write);
            }
        }

        BeforeCommit?.Invoke(number);
        var offsets = new Dictionary<string, long>(partition.Offsets, StringComparer.Ordinal);
        var started = _time.GetTimestamp();
        // Never cancelled: the last commits run while the engine stops (the loop's exit and the revoke during Close),
        // and an abandoned commit would lose what was applied. The store's own timeouts bound it.
        var outcome = _store.CommitAsync(new PartitionCommit(partition.Lease, writes, offsets), CancellationToken.None).GetAwaiter().GetResult();
        if (outcome == CommitOutcome.Fenced)
        {
            Fence(number, partition);
            return;
        }

        foreach (var actor in partition.Dirty)
        {
            _actors.TryRun(actor, 0, static (a, _) =>
            {
                a.Committed();
                return 0;
            }, out _);
        }

        Statistics.Committed(writes.Count, _time.GetElapsedTime(started));
        partition.Dirty.Clear();
        partition.OffsetsChanged = false;
    }

    private void Fence(int number, PartitionState partition)
    {
        partition.Fenced = true;
        partition.Dirty.Clear();
        Log.Fenced(_logger, number, partition.Lease.Token);
        _actors.DeactivateWhere(a => a.Partition == number);
    }

    private static ProfileWrite ToWrite(CustomerActor actor, DateTimeOffset now)
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
            profile.DueEvents(now).Count > 0 ? now : profile.NextWakeUp(now),
            indexed,
            profile.LastEventAt)
        {
            IdentifiersChanged = actor.IdentifiersDirty,
        };
    }
}
