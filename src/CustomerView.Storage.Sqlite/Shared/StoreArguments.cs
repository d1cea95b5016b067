using System.Diagnostics.CodeAnalysis;
using CustomerView.Domain;

namespace CustomerView.Storage.Shared;

/// <summary>
/// Argument checks shared by the stores (compiled into each store assembly). Every check runs before any database
/// work, so bad input fails with an <see cref="ArgumentException"/> and never leaves partial state behind.
/// </summary>
internal static class StoreArguments
{
    /// <summary>The largest <c>max</c> a read accepts.</summary>
    public const int MaxRows = 100_000;

    public static void Lease(string group, int partition)
    {
        Text(group, nameof(group));
        if (partition < 0)
        {
            Throw.OutOfRange(nameof(partition), partition, "A partition number is zero or positive.");
        }
    }

    public static void Acquire(string group, int partition, string ownerId)
    {
        Lease(group, partition);
        Text(ownerId, nameof(ownerId));
    }

    public static void Lookup(IdentifierKind kind, string key, int max)
    {
        Kind(kind, nameof(kind));
        Text(key, nameof(key));
        Max(max);
    }

    public static void WakeUps(int partition, int max)
    {
        if (partition < 0)
        {
            Throw.OutOfRange(nameof(partition), partition, "A partition number is zero or positive.");
        }

        Max(max);
    }

    public static void CustomerIds(IReadOnlyList<string> customerIds)
    {
        if (customerIds is null)
        {
            Throw.Null(nameof(customerIds));
        }

        if (customerIds.Count > MaxRows)
        {
            Throw.OutOfRange(nameof(customerIds), customerIds.Count, "At most 100,000 customers are loaded at once.");
        }

        foreach (var customerId in customerIds)
        {
            Text(customerId, nameof(customerIds), "customer id");
        }
    }

    public static void Max(int max)
    {
        if (max is <= 0 or > MaxRows)
        {
            Throw.OutOfRange(nameof(max), max, "max is between 1 and 100,000.");
        }
    }

    /// <summary>Checks several partitions' commits: each one whole, and no partition twice; returns the identifiers of each.</summary>
    public static int[] Commits(IReadOnlyList<PartitionCommit> commits)
    {
        if (commits is null)
        {
            Throw.Null(nameof(commits));
        }

        var identifiers = new int[commits.Count];
        for (var i = 0; i < identifiers.Length; i++)
        {
            identifiers[i] = Commit(commits[i]);
            for (var j = 0; j < i; j++)
            {
                if (commits[j].Lease.Partition == commits[i].Lease.Partition
                    && string.Equals(commits[j].Lease.Group, commits[i].Lease.Group, StringComparison.Ordinal))
                {
                    Throw.Invalid(nameof(commits), $"Partition {commits[i].Lease.Partition} appears twice in one commit; merge its batches.");
                }
            }
        }

        return identifiers;
    }

    /// <summary>Checks a whole commit; returns the number of identifiers over all its profiles.</summary>
    public static int Commit(PartitionCommit commit)
    {
        const string Parameter = nameof(commit);
        if (commit is null)
        {
            Throw.Null(nameof(commit));
        }

        if (commit.Lease is null || commit.Profiles is null || commit.Offsets is null)
        {
            Throw.Invalid(Parameter, "The commit's lease, profiles and offsets are required.");
        }

        Lease(commit.Lease.Group, commit.Lease.Partition);
        if (commit.Lease.Token <= 0)
        {
            Throw.Invalid(Parameter, "The lease's fencing token is positive; take it from AcquireAsync.");
        }

        if (commit.JournalSequence < 0 || commit.JournalKeepFrom < 0)
        {
            Throw.Invalid(Parameter, "Journal sequence numbers are zero or positive.");
        }

        if (!commit.Journal.IsEmpty && commit.JournalSequence == 0)
        {
            Throw.Invalid(Parameter, "A commit with a journal batch needs its journal sequence (from the lease's JournalNext on).");
        }

        var identifiers = 0;
        var profiles = commit.Profiles;
        var count = profiles.Count;
        var seen = count > 1 ? new HashSet<string>(count, StringComparer.Ordinal) : null;
        for (var i = 0; i < count; i++)
        {
            var write = profiles[i];
            if (write is null)
            {
                Throw.Invalid(Parameter, $"Profile write {i} is null.");
            }

            Text(write.CustomerId, Parameter, "customer id");
            if (seen is not null && !seen.Add(write.CustomerId))
            {
                Throw.Invalid(Parameter, $"Customer '{write.CustomerId}' appears twice in one commit; send only its last write.");
            }

            if (write.Revision < 0 || write.JournalSequence < 0)
            {
                Throw.Invalid(Parameter, $"Customer '{write.CustomerId}' has a negative revision ({write.Revision}) or journal sequence ({write.JournalSequence}).");
            }

            identifiers += IdentifierSet(write, Parameter);
        }

        foreach (var (topic, offset) in commit.Offsets)
        {
            Text(topic, Parameter, "topic");
            if (offset < 0)
            {
                Throw.Invalid(Parameter, $"Topic '{topic}' has a negative next offset ({offset}).");
            }
        }

        return identifiers;
    }

    private static int IdentifierSet(ProfileWrite write, string paramName)
    {
        var set = write.Identifiers;
        if (set is null)
        {
            Throw.Invalid(paramName, $"Customer '{write.CustomerId}' has no identifier list (pass an empty one).");
        }

        var count = set.Count;
        for (var i = 0; i < count; i++)
        {
            var identifier = set[i];
            Kind(identifier.Kind, paramName);
            Text(identifier.Key, paramName, "identifier key");
            for (var j = 0; j < i; j++)
            {
                var other = set[j];
                if (other.Kind == identifier.Kind && string.Equals(other.Key, identifier.Key, StringComparison.Ordinal))
                {
                    Throw.Invalid(paramName, $"Customer '{write.CustomerId}' lists identifier {identifier.Kind} '{identifier.Key}' twice.");
                }
            }
        }

        return count;
    }

    private static void Kind(IdentifierKind kind, string paramName)
    {
        if (kind is < IdentifierKind.Phone or > IdentifierKind.NationalId)
        {
            Throw.OutOfRange(paramName, kind, "An identifier kind is Phone, Card, Account or NationalId.");
        }
    }

    private static void Text(string? value, string paramName, string? what = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            Throw.EmptyText(paramName, what);
        }

        if (value.AsSpan().Contains('\0'))
        {
            Throw.NulInText(paramName, what);
        }
    }

    /// <summary>Out-of-line throws, so the checks stay small.</summary>
    private static class Throw
    {
        [DoesNotReturn]
        public static void Null(string paramName) => throw new ArgumentNullException(paramName);

        [DoesNotReturn]
        public static void Invalid(string paramName, string message) => throw new ArgumentException(message, paramName);

        [DoesNotReturn]
        public static void OutOfRange(string paramName, object value, string message) =>
            throw new ArgumentOutOfRangeException(paramName, value, message);

        [DoesNotReturn]
        public static void EmptyText(string paramName, string? what) =>
            throw new ArgumentException($"{what ?? paramName} must be a non-empty string.", paramName);

        [DoesNotReturn]
        public static void NulInText(string paramName, string? what) =>
            throw new ArgumentException($"{what ?? paramName} must not contain a NUL character.", paramName);
    }
}
