using System.Collections.Frozen;
using Confluent.Kafka;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    /// <summary>
    /// Takes a lease on each newly assigned partition number (fencing out any earlier owner) and resumes every topic
    /// of that partition at the offset stored with the profiles, not at the group's committed offset.
    /// </summary>
    private List<TopicPartitionOffset> OnAssigned(List<TopicPartition> assigned)
    {
        FinishCommit();
        var numbers = new SortedSet<int>();
        foreach (var tp in assigned)
        {
            numbers.Add(tp.Partition.Value);
        }

        foreach (var number in numbers)
        {
            var lease = _store.AcquireAsync(_kafka.ConsumerGroupId, number, _options.NodeId, CancellationToken.None).GetAwaiter().GetResult();
            var state = new PartitionState(lease);
            _partitions[number] = state;
            Log.PartitionAssigned(_logger, number, lease.Token, lease.Offsets.Count == 0 ? "the beginning" : string.Join(", ", lease.Offsets));
            ReplayJournal(number, state);
        }

        PublishOwned();
        var positions = new List<TopicPartitionOffset>(assigned.Count);
        foreach (var tp in assigned)
        {
            var offset = _partitions[tp.Partition.Value].Lease.Offsets.TryGetValue(tp.Topic, out var next) ? new Offset(next) : Offset.Beginning;
            positions.Add(new TopicPartitionOffset(tp, offset));
        }

        return positions;
    }

    /// <summary>
    /// Commits what was applied for the revoked partitions, then lets their customers go. After a failure (the
    /// engine leaving the group) nothing is committed: the applied state is not known to be sound.
    /// </summary>
    private void OnRevoked(List<TopicPartitionOffset> revoked)
    {
        var numbers = Numbers(revoked);
        if (_failure is not null)
        {
            Release(numbers, "handed back after the failure");
            return;
        }

        CommitAll(numbers.Contains, wait: true);
        Release(numbers, "revoked");
    }

    /// <summary>The partitions were lost (another member may own them already): drop them without committing.</summary>
    private void OnLost(List<TopicPartitionOffset> lost)
    {
        FinishCommit(); // its outcome says which of its partitions were fenced meanwhile
        Release(Numbers(lost), "lost");
    }

    private void Release(HashSet<int> numbers, string why)
    {
        foreach (var number in numbers)
        {
            _partitions.Remove(number);
            Log.PartitionReleased(_logger, number, why);
        }

        PublishOwned();
        _actors.DeactivateWhere(a => numbers.Contains(a.Partition));
    }

    private void PublishOwned()
    {
        var owned = new HashSet<int>();
        foreach (var (number, state) in _partitions)
        {
            if (!state.Fenced)
            {
                owned.Add(number);
            }
        }

        _owned = owned.ToFrozenSet();
    }

    private static HashSet<int> Numbers(List<TopicPartitionOffset> partitions)
    {
        var numbers = new HashSet<int>();
        foreach (var tpo in partitions)
        {
            numbers.Add(tpo.Partition.Value);
        }

        return numbers;
    }
}
