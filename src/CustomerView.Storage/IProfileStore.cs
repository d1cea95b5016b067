using CustomerView.Domain;

namespace CustomerView.Storage;

/// <summary>
/// Durable state of a CustomerView cluster: profile snapshots, the identifier index, consumed Kafka offsets and a
/// fencing token per partition. A node owns the customers of the partitions Kafka assigns it; it acquires a lease
/// (a new fencing token) on assignment, and every commit checks that token, so a node that lost a partition can
/// never again write that partition's customers or offsets, even if it has not noticed yet.
/// </summary>
/// <remarks>
/// Profiles and offsets of one partition are committed in one transaction: after a crash at any point, the stored
/// offsets are exactly those whose events are reflected in the stored profiles.
/// </remarks>
public interface IProfileStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema; reports progress lines for the log.</summary>
    Task MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Takes ownership of <paramref name="partition"/> for <paramref name="group"/>: increments the partition's fencing
    /// token (fencing out any earlier owner) and returns it with the stored next offsets of every topic for that partition.
    /// </summary>
    Task<PartitionLease> AcquireAsync(string group, int partition, string ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically writes a batch for one partition: profile snapshots, their identifier sets, and the next offsets.
    /// Nothing is written when the lease's token is no longer current.
    /// </summary>
    /// <returns><see cref="CommitOutcome.Committed"/>, or <see cref="CommitOutcome.Fenced"/> when another owner took the partition.</returns>
    Task<CommitOutcome> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken);

    /// <summary>The stored profile of <paramref name="customerId"/>, or <see langword="null"/> when none is stored.</summary>
    Task<StoredProfile?> LoadAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Customers holding the identifier (<paramref name="kind"/>, <paramref name="key"/>), at most <paramref name="max"/>, ordered by customer id.</summary>
    Task<IReadOnlyList<IdentifierMatch>> LookupAsync(IdentifierKind kind, string key, int max, CancellationToken cancellationToken);

    /// <summary>Customers of <paramref name="partition"/> with a wake-up time at or before <paramref name="until"/>, earliest first.</summary>
    Task<IReadOnlyList<WakeUp>> LoadWakeUpsAsync(int partition, DateTimeOffset until, int max, CancellationToken cancellationToken);
}

/// <summary>Ownership of a partition.</summary>
/// <param name="Group">The consumer group.</param>
/// <param name="Partition">The partition number (the same in every co-partitioned topic).</param>
/// <param name="Token">The fencing token every commit must present.</param>
/// <param name="Offsets">Next offset to consume per topic for this partition; topics never committed are absent.</param>
public sealed record PartitionLease(string Group, int Partition, long Token, IReadOnlyDictionary<string, long> Offsets);

/// <summary>One partition's batch.</summary>
/// <param name="Lease">The lease it is written under.</param>
/// <param name="Profiles">The profiles the batch changed (last write per customer).</param>
/// <param name="Offsets">Next offset to consume per topic, after the batch.</param>
public sealed record PartitionCommit(PartitionLease Lease, IReadOnlyList<ProfileWrite> Profiles, IReadOnlyDictionary<string, long> Offsets);

/// <summary>A profile to store.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Revision">The profile's revision.</param>
/// <param name="Snapshot">The serialized profile snapshot.</param>
/// <param name="NextWakeUp">When time alone next changes the profile; <see langword="null"/> when never.</param>
/// <param name="Identifiers">The identifiers the customer holds now (replaces the stored set).</param>
/// <param name="LastEventAt">Occurrence time of the newest event applied.</param>
public sealed record ProfileWrite(
    string CustomerId,
    long Revision,
    ReadOnlyMemory<byte> Snapshot,
    DateTimeOffset? NextWakeUp,
    IReadOnlyList<IndexedIdentifier> Identifiers,
    DateTimeOffset? LastEventAt)
{
    /// <summary>
    /// False when the writer knows <see cref="Identifiers"/> equals the set already stored for the customer (nothing
    /// linked or unlinked since its last committed write); a store may then skip replacing the stored set. True, the
    /// default, always replaces it.
    /// </summary>
    public bool IdentifiersChanged { get; init; } = true;
}

/// <summary>An identifier as the lookup index keeps it.</summary>
/// <param name="Kind">Phone, card, account or national id.</param>
/// <param name="Key">The normalised key (E.164, fingerprint, compacted text).</param>
/// <param name="Shared">Whether others share it.</param>
public readonly record struct IndexedIdentifier(IdentifierKind Kind, string Key, bool Shared);

/// <summary>A stored profile.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Partition">The partition that owns it.</param>
/// <param name="Revision">Its revision.</param>
/// <param name="Snapshot">The serialized snapshot.</param>
/// <param name="UpdatedAt">When it was stored.</param>
public sealed record StoredProfile(string CustomerId, int Partition, long Revision, ReadOnlyMemory<byte> Snapshot, DateTimeOffset UpdatedAt);

/// <summary>A customer found by identifier.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Shared">Whether the identifier is marked shared.</param>
/// <param name="Partition">The partition that owns the customer.</param>
public sealed record IdentifierMatch(string CustomerId, bool Shared, int Partition);

/// <summary>A customer due for a clock-driven refresh.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="At">When.</param>
public sealed record WakeUp(string CustomerId, DateTimeOffset At);

/// <summary>How a commit ended.</summary>
public enum CommitOutcome
{
    /// <summary>Everything was written.</summary>
    Committed = 0,
    /// <summary>Nothing was written: the partition has a newer owner.</summary>
    Fenced = 1,
}
