using CustomerView.Domain;

namespace CustomerView.Storage;

/// <summary>
/// Durable state of a CustomerView cluster: profile snapshots, the identifier index, consumed Kafka offsets and a
/// fencing token per partition. A node owns the customers of the partitions Kafka assigns it; it acquires a lease
/// (a new fencing token) on assignment, and every commit checks that token, so a node that lost a partition can
/// never again write that partition's customers or offsets, even if it has not noticed yet.
/// </summary>
/// <remarks>
/// Profiles, journal and offsets are committed in one transaction: after a crash at any point, every event before the
/// stored offsets is reflected either in its customer's stored snapshot or in the partition's journal (snapshot plus
/// the journal batches after <see cref="StoredProfile.JournalSequence"/> give the profile). Writing a customer's
/// snapshot only now and then, and the batch's events as one appended journal row, keeps a commit's cost
/// proportional to the events it carries rather than to the size of the profiles they touched.
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
    /// <remarks>The commit's byte payloads are the caller's until the task completes (see the batch overload).</remarks>
    /// <returns><see cref="CommitOutcome.Committed"/>, or <see cref="CommitOutcome.Fenced"/> when another owner took the partition.</returns>
    Task<CommitOutcome> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes several partitions' batches in one transaction (one durable sync), each checked against its own lease:
    /// a fenced partition writes nothing while the others commit.
    /// </summary>
    /// <remarks>
    /// The commits' byte payloads (<see cref="ProfileWrite.Snapshot"/>, <see cref="PartitionCommit.Journal"/>) may be
    /// pieces of the caller's reused buffers: a store reads them until the returned task completes, and keeps none.
    /// </remarks>
    /// <returns>One outcome per commit, in order.</returns>
    Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionCommit> commits, CancellationToken cancellationToken);

    /// <summary>
    /// The journal batches of <paramref name="partition"/> kept for <paramref name="group"/> (not yet truncated by a
    /// commit's <see cref="PartitionCommit.JournalKeepFrom"/>), in sequence order. A new owner replays them on top of
    /// the stored snapshots.
    /// </summary>
    Task<IReadOnlyList<JournalBatch>> LoadJournalAsync(string group, int partition, CancellationToken cancellationToken);

    /// <summary>The stored profile of <paramref name="customerId"/>, or <see langword="null"/> when none is stored.</summary>
    Task<StoredProfile?> LoadAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The stored profiles of those of <paramref name="customerIds"/> that are stored, each once however often its id
    /// is listed (in no particular order): one round trip for a batch of activations.
    /// </summary>
    Task<IReadOnlyList<StoredProfile>> LoadManyAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken);

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
public sealed record PartitionLease(string Group, int Partition, long Token, IReadOnlyDictionary<string, long> Offsets)
{
    /// <summary>The next journal sequence number of the partition: greater than every sequence committed so far.</summary>
    public long JournalNext { get; init; } = 1;
}

/// <summary>One partition's batch.</summary>
/// <param name="Lease">The lease it is written under.</param>
/// <param name="Profiles">The profiles the batch changed (last write per customer).</param>
/// <param name="Offsets">Next offset to consume per topic, after the batch.</param>
public sealed record PartitionCommit(PartitionLease Lease, IReadOnlyList<ProfileWrite> Profiles, IReadOnlyDictionary<string, long> Offsets)
{
    /// <summary>
    /// The batch's events as the writer encodes them (opaque to the store), appended to the partition's journal under
    /// <see cref="JournalSequence"/>; empty appends nothing.
    /// </summary>
    public ReadOnlyMemory<byte> Journal { get; init; }

    /// <summary>
    /// This commit's journal sequence number: greater than every earlier one of the partition (start from
    /// <see cref="PartitionLease.JournalNext"/>). The partition's next sequence becomes at least this plus one.
    /// Zero when the commit carries no journal.
    /// </summary>
    public long JournalSequence { get; init; }

    /// <summary>Journal batches with a sequence below this are deleted (their events are all in snapshots); 0 keeps everything.</summary>
    public long JournalKeepFrom { get; init; }
}

/// <summary>One journal row.</summary>
/// <param name="Sequence">Its sequence number within the partition.</param>
/// <param name="Data">The bytes the writer appended.</param>
public sealed record JournalBatch(long Sequence, ReadOnlyMemory<byte> Data);

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

    /// <summary>The journal sequence the snapshot reflects: every journal batch up to and including it is in the snapshot.</summary>
    public long JournalSequence { get; init; }
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
public sealed record StoredProfile(string CustomerId, int Partition, long Revision, ReadOnlyMemory<byte> Snapshot, DateTimeOffset UpdatedAt)
{
    /// <summary>The journal sequence the snapshot reflects (see <see cref="ProfileWrite.JournalSequence"/>).</summary>
    public long JournalSequence { get; init; }

    /// <summary>The wake-up time stored with the snapshot.</summary>
    public DateTimeOffset? NextWakeUp { get; init; }
}

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
