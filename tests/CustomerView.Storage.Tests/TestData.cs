using System.Collections;
using System.Text;
using CustomerView.Domain;

namespace CustomerView.Storage.Tests;

/// <summary>Builders for commits and profiles.</summary>
internal static class TestData
{
    public const string Group = "customer-view";
    public const string Topic = "channel-events";
    public const string OtherTopic = "channel-events-retry";

    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static ProfileWrite Profile(string customerId, long revision = 1, DateTimeOffset? wakeUp = null, params IndexedIdentifier[] identifiers) =>
        new(customerId, revision, Snapshot(customerId, revision), wakeUp, identifiers, T0.AddMinutes(-revision));

    public static ProfileWrite ProfileWith(string customerId, long revision, IReadOnlyList<IndexedIdentifier> identifiers) =>
        new(customerId, revision, Snapshot(customerId, revision), null, identifiers, null);

    public static byte[] Snapshot(string customerId, long revision) => Encoding.UTF8.GetBytes($"{customerId}@{revision}");

    public static string Text(ReadOnlyMemory<byte> snapshot) => Encoding.UTF8.GetString(snapshot.Span);

    public static IndexedIdentifier Phone(string key, bool shared = false) => new(IdentifierKind.Phone, key, shared);

    public static IndexedIdentifier Card(string key) => new(IdentifierKind.Card, key, false);

    public static IReadOnlyDictionary<string, long> Offsets(long next) => new Dictionary<string, long> { [Topic] = next };

    public static PartitionCommit Commit(PartitionLease lease, long nextOffset, params ProfileWrite[] profiles) =>
        new(lease, profiles, Offsets(nextOffset));
}

/// <summary>Collects progress lines synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class ProgressLines : IProgress<string>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(string value)
    {
        lock (_lines)
        {
            _lines.Add(value);
        }
    }
}

/// <summary>
/// An identifier list that is well-formed when the store validates the commit (first read of <see cref="Count"/>) and
/// runs <paramref name="trip"/> on the second read, i.e. while the store is writing the batch.
/// </summary>
internal sealed class TrippingIdentifiers(IndexedIdentifier[] items, Action trip) : IReadOnlyList<IndexedIdentifier>
{
    private int _countReads;

    public int Count
    {
        get
        {
            if (++_countReads == 2)
            {
                trip();
            }

            return items.Length;
        }
    }

    public IndexedIdentifier this[int index] => items[index];

    public IEnumerator<IndexedIdentifier> GetEnumerator()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
