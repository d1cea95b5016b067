using System.Text;
using CustomerView.Domain;
using static CustomerView.Storage.Tests.TestData;

namespace CustomerView.Storage.Tests;

/// <summary>Partition journals, multi-partition commits and batched loads.</summary>
public abstract partial class ProfileStoreConformanceTests
{
    [Fact]
    public async Task LoadJournalAsync_ReturnsEveryBatchInSequenceOrderWithItsBytes_WhenSeveralCommitsCarryJournals()
    {
        var lease = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        var buffer = new byte[700];
        new Random(11).NextBytes(buffer);
        var slice = buffer.AsMemory(13, 511);

        await Store.CommitAsync(Journaled(lease, 1, "batch-1", profiles: Profile("c-1", 1)), Ct);
        await Store.CommitAsync(Commit(lease, 15, Profile("c-2", 1)), Ct);
        await Store.CommitAsync(Journaled(lease, 2, "batch-2"), Ct);
        await Store.CommitAsync(new PartitionCommit(lease, [], Offsets(30)) { Journal = slice, JournalSequence = 3 }, Ct);
        await Store.CommitAsync(Journaled(lease, 7, "batch-7"), Ct);

        var journal = await Store.LoadJournalAsync(Group, 2, Ct);
        Assert.Equal([1L, 2, 3, 7], journal.Select(batch => batch.Sequence));
        Assert.Equal("batch-1", Text(journal[0].Data));
        Assert.Equal("batch-2", Text(journal[1].Data));
        Assert.Equal(slice.ToArray(), journal[2].Data.ToArray());
        Assert.Equal("batch-7", Text(journal[3].Data));
        Assert.Equal(70, (await Store.AcquireAsync(Group, 2, "node-a", Ct)).Offsets[Topic]);
    }

    [Fact]
    public async Task LoadJournalAsync_ReturnsOnlyThatPartitionsBatches_WhenOtherPartitionsAndGroupsHaveJournals()
    {
        var mine = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var otherPartition = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        var otherGroup = await Store.AcquireAsync("other-group", 1, "node-a", Ct);
        await Store.CommitAsync(Journaled(mine, 1, "mine-1"), Ct);
        await Store.CommitAsync(Journaled(otherPartition, 1, "partition-2-1"), Ct);
        await Store.CommitAsync(Journaled(otherGroup, 1, "group-1"), Ct);
        await Store.CommitAsync(Journaled(otherGroup, 2, "group-2"), Ct);
        await Store.CommitAsync(Journaled(mine, 2, "mine-2"), Ct);

        await Store.CommitAsync(Journaled(otherPartition, 2, "partition-2-2", keepFrom: 2), Ct);

        Assert.Equal([(1L, "mine-1"), (2L, "mine-2")], await JournalOfAsync(Group, 1));
        Assert.Equal([(2L, "partition-2-2")], await JournalOfAsync(Group, 2));
        Assert.Equal([(1L, "group-1"), (2L, "group-2")], await JournalOfAsync("other-group", 1));
        Assert.Empty(await JournalOfAsync(Group, 3));
        Assert.Empty(await JournalOfAsync("no-such-group", 1));
        Assert.Equal(3, (await Store.AcquireAsync(Group, 1, "node-a", Ct)).JournalNext);
        Assert.Equal(3, (await Store.AcquireAsync("other-group", 1, "node-a", Ct)).JournalNext);
    }

    [Fact]
    public async Task CommitAsync_DeletesOnlyBatchesBelowKeepFrom_WhenJournalKeepFromIsSet()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        for (var sequence = 1; sequence <= 4; sequence++)
        {
            await Store.CommitAsync(Journaled(lease, sequence, $"b{sequence}"), Ct);
        }

        await Store.CommitAsync(Journaled(lease, 5, "b5", keepFrom: 3), Ct);

        Assert.Equal([(3L, "b3"), (4L, "b4"), (5L, "b5")], await JournalOfAsync(Group, 0));

        await Store.CommitAsync(Journaled(lease, 6, "b6", keepFrom: 0), Ct);

        Assert.Equal([(3L, "b3"), (4L, "b4"), (5L, "b5"), (6L, "b6")], await JournalOfAsync(Group, 0));

        await Store.CommitAsync(new PartitionCommit(lease, [], Offsets(61)) { JournalKeepFrom = 5 }, Ct);

        Assert.Equal([(5L, "b5"), (6L, "b6")], await JournalOfAsync(Group, 0));
        Assert.Equal(7, (await Store.AcquireAsync(Group, 0, "node-a", Ct)).JournalNext);
    }

    [Fact]
    public async Task AcquireAsync_ReturnsJournalNextOne_WhenPartitionHasNoJournal()
    {
        var first = await Store.AcquireAsync(Group, 4, "node-a", Ct);
        await Store.CommitAsync(Commit(first, 9, Profile("c-1")), Ct);

        var second = await Store.AcquireAsync(Group, 4, "node-b", Ct);

        Assert.Equal(1, first.JournalNext);
        Assert.Equal(1, second.JournalNext);
        Assert.Equal(9, second.Offsets[Topic]);
    }

    [Fact]
    public async Task AcquireAsync_ReturnsLastJournalSequencePlusOne_WhenCommitsCarriedJournals()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Journaled(lease, 1, "b1"), Ct);
        await Store.CommitAsync(Journaled(lease, 2, "b2"), Ct);

        var afterTwo = await Store.AcquireAsync(Group, 0, "node-b", Ct);
        await Store.CommitAsync(Journaled(afterTwo, 40, "b40"), Ct);
        var afterGap = await Store.AcquireAsync(Group, 0, "node-c", Ct);

        Assert.Equal(3, afterTwo.JournalNext);
        Assert.Equal(41, afterGap.JournalNext);
        Assert.Equal(1, (await Store.AcquireAsync(Group, 1, "node-a", Ct)).JournalNext);
    }

    [Fact]
    public async Task AcquireAsync_KeepsJournalNext_WhenTruncationRemovedEveryBatch()
    {
        var lease = await Store.AcquireAsync(Group, 6, "node-a", Ct);
        await Store.CommitAsync(Journaled(lease, 1, "b1"), Ct);
        await Store.CommitAsync(Journaled(lease, 2, "b2"), Ct);

        await Store.CommitAsync(new PartitionCommit(lease, [Profile("c-1", 1) with { JournalSequence = 2 }], Offsets(21)) { JournalKeepFrom = 3 }, Ct);

        Assert.Empty(await Store.LoadJournalAsync(Group, 6, Ct));
        var reopened = await OpenStoreAsync();
        var next = await reopened.AcquireAsync(Group, 6, "node-b", Ct);
        Assert.Equal(3, next.JournalNext);
        Assert.Equal(21, next.Offsets[Topic]);
        Assert.Empty(await reopened.LoadJournalAsync(Group, 6, Ct));
    }

    [Fact]
    public async Task AcquireAsync_NeverMovesJournalNextBack_WhenALaterCommitCarriesALowerSequenceWithoutJournal()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Journaled(lease, 5, "b5"), Ct);

        var outcome = await Store.CommitAsync(new PartitionCommit(lease, [], Offsets(60)) { JournalSequence = 2 }, Ct);

        Assert.Equal(CommitOutcome.Committed, outcome);
        var next = await Store.AcquireAsync(Group, 0, "node-b", Ct);
        Assert.Equal(6, next.JournalNext);
        Assert.Equal(60, next.Offsets[Topic]);
        Assert.Equal([(5L, "b5")], await JournalOfAsync(Group, 0));
    }

    [Fact]
    public async Task CommitAsync_WritesNoJournalAdvancesNothingAndTruncatesNothing_WhenLeaseIsStale()
    {
        var stale = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Journaled(stale, 1, "b1"), Ct);
        await Store.CommitAsync(Journaled(stale, 2, "b2"), Ct);
        var current = await Store.AcquireAsync(Group, 0, "node-b", Ct);

        var outcome = await Store.CommitAsync(Journaled(stale, 9, "stale", keepFrom: 3, Profile("c-1") with { JournalSequence = 9 }), Ct);

        Assert.Equal(CommitOutcome.Fenced, outcome);
        Assert.Equal([(1L, "b1"), (2L, "b2")], await JournalOfAsync(Group, 0));
        Assert.Null(await Store.LoadAsync("c-1", Ct));
        var next = await Store.AcquireAsync(Group, 0, "node-c", Ct);
        Assert.Equal(current.Token + 1, next.Token);
        Assert.Equal(3, next.JournalNext);
        Assert.Equal(20, next.Offsets[Topic]);
    }

    [Fact]
    public async Task LoadAsync_ReturnsTheWrittenJournalSequenceAndWakeUp_WhenProfileIsStored()
    {
        var lease = await Store.AcquireAsync(Group, 3, "node-a", Ct);
        var wakeUp = T0.AddHours(5).ToOffset(TimeSpan.FromHours(2));

        await Store.CommitAsync(Journaled(lease, 12, "b12", profiles: [Profile("c-1", 4, wakeUp) with { JournalSequence = 12 }, Profile("c-2", 1)]), Ct);
        await Store.CommitAsync(Commit(lease, 130, Profile("c-1", 3, T0) with { JournalSequence = 13 }), Ct);

        var first = await Store.LoadAsync("c-1", Ct);
        var second = await Store.LoadAsync("c-2", Ct);
        Assert.NotNull(first);
        Assert.Equal(4, first.Revision);
        Assert.Equal(12, first.JournalSequence);
        Assert.Equal(wakeUp, first.NextWakeUp);
        Assert.Equal(TimeSpan.Zero, first.NextWakeUp!.Value.Offset);
        Assert.NotNull(second);
        Assert.Equal(0, second.JournalSequence);
        Assert.Null(second.NextWakeUp);
    }

    [Fact]
    public async Task LoadManyAsync_ReturnsOnlyTheStoredCustomersWithEveryField_WhenSomeIdsAreUnknown()
    {
        var lease0 = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var lease1 = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        await Store.CommitAsync(Commit(lease0, 1, Profile("c-1", 3, T0) with { JournalSequence = 8 }, Profile("c-2", 1)), Ct);
        await Store.CommitAsync(Commit(lease1, 1, Profile("c-3", 2, T0.AddMinutes(1))), Ct);

        var loaded = await Store.LoadManyAsync(["c-unknown", "c-3", "C-1", "c-1"], Ct);

        var byId = loaded.ToDictionary(profile => profile.CustomerId, StringComparer.Ordinal);
        Assert.Equal(["c-1", "c-3"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(loaded.Count, byId.Count);
        var first = byId["c-1"];
        Assert.Equal(0, first.Partition);
        Assert.Equal(3, first.Revision);
        Assert.Equal("c-1@3", Text(first.Snapshot));
        Assert.Equal(8, first.JournalSequence);
        Assert.Equal(T0, first.NextWakeUp);
        Assert.Equal((await Store.LoadAsync("c-1", Ct))!.UpdatedAt, first.UpdatedAt);
        var third = byId["c-3"];
        Assert.Equal(1, third.Partition);
        Assert.Equal("c-3@2", Text(third.Snapshot));
        Assert.Equal(0, third.JournalSequence);
        Assert.Equal(T0.AddMinutes(1), third.NextWakeUp);
        Assert.Empty(await Store.LoadManyAsync(["c-unknown"], Ct));
    }

    [Fact]
    public async Task LoadManyAsync_ReturnsEachProfileOnce_WhenAnIdIsListedTwice()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1"), Profile("c-2")), Ct);

        var loaded = await Store.LoadManyAsync(["c-1", "c-2", "c-1"], Ct);

        Assert.Equal(["c-1", "c-2"], loaded.Select(profile => profile.CustomerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoadManyAsync_ReturnsEmpty_WhenListIsEmpty()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1")), Ct);

        Assert.Empty(await Store.LoadManyAsync([], Ct));
    }

    [Fact]
    public async Task LoadManyAsync_ReturnsEveryProfile_WhenBatchIsLarge()
    {
        const int Count = 1_500;
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var profiles = new ProfileWrite[Count];
        var ids = new List<string>(Count * 2);
        for (var i = 0; i < Count; i++)
        {
            profiles[i] = Profile($"c-{i:D5}", i + 1) with { JournalSequence = i };
            ids.Add($"c-{i:D5}");
            ids.Add($"u-{i:D5}");
        }

        await Store.CommitAsync(new PartitionCommit(lease, profiles, Offsets(1)), Ct);

        var loaded = await Store.LoadManyAsync(ids, Ct);
        Assert.Equal(Count, loaded.Count);
        Assert.All(loaded, profile => Assert.Equal($"{profile.CustomerId}@{profile.JournalSequence + 1}", Text(profile.Snapshot)));
        Assert.Equal(Count, loaded.Select(profile => profile.CustomerId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task LoadManyAsync_ThrowsArgumentExceptionBeforeTouchingTheDatabase_WhenInputIsInvalid()
    {
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadManyAsync(null!, cancelled));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadManyAsync(["c-1", ""], cancelled));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadManyAsync(["c-1", "c\0-2"], cancelled));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadManyAsync(["c-1", null!], cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.LoadManyAsync(["c-1"], cancelled));
    }

    [Fact]
    public async Task LoadJournalAsync_ThrowsArgumentException_WhenArgumentsAreInvalid()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadJournalAsync("", 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadJournalAsync("gr\0up", 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadJournalAsync(Group, -1, Ct));
    }

    [Fact]
    public async Task CommitAsync_CommitsEveryPartition_WhenSeveralPartitionsCommitInOneCall()
    {
        var lease1 = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var lease2 = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        var otherGroup = await Store.AcquireAsync("other-group", 1, "node-a", Ct);

        var outcomes = await Store.CommitAsync(
            [
                Journaled(lease1, 1, "p1-b1", profiles: Profile("c-1", 1, T0, Phone("+4930123"))),
                Journaled(lease2, 4, "p2-b4", profiles: Profile("c-2", 2, null, Card("fp-2"))),
                Journaled(otherGroup, 1, "g-b1"),
            ],
            Ct);

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.Committed, CommitOutcome.Committed], outcomes);
        Assert.Equal(1, (await Store.LoadAsync("c-1", Ct))!.Partition);
        Assert.Equal(2, (await Store.LoadAsync("c-2", Ct))!.Partition);
        Assert.Equal(new IdentifierMatch("c-1", false, 1), Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930123", 10, Ct)));
        Assert.Equal(new IdentifierMatch("c-2", false, 2), Assert.Single(await Store.LookupAsync(IdentifierKind.Card, "fp-2", 10, Ct)));
        Assert.Equal([(1L, "p1-b1")], await JournalOfAsync(Group, 1));
        Assert.Equal([(4L, "p2-b4")], await JournalOfAsync(Group, 2));
        Assert.Equal([(1L, "g-b1")], await JournalOfAsync("other-group", 1));
        var next1 = await Store.AcquireAsync(Group, 1, "node-b", Ct);
        var next2 = await Store.AcquireAsync(Group, 2, "node-b", Ct);
        Assert.Equal((2L, 10L), (next1.JournalNext, next1.Offsets[Topic]));
        Assert.Equal((5L, 40L), (next2.JournalNext, next2.Offsets[Topic]));
        Assert.Empty(await Store.CommitAsync([], Ct));
    }

    [Fact]
    public async Task CommitAsync_FencesOnlyTheStalePartitionAndCommitsTheOthers_WhenOneLeaseAmongSeveralIsStale()
    {
        var lease1 = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var stale = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        var lease3 = await Store.AcquireAsync(Group, 3, "node-a", Ct);
        await Store.CommitAsync(Journaled(stale, 1, "p2-b1", profiles: Profile("c-2", 1, T0, Phone("+4930002"))), Ct);
        var current = await Store.AcquireAsync(Group, 2, "node-b", Ct);

        var outcomes = await Store.CommitAsync(
            [
                Journaled(lease1, 1, "p1-b1", profiles: Profile("c-1", 1)),
                Journaled(stale, 2, "p2-stale", keepFrom: 2, Profile("c-2", 2, null, Phone("+4930222")), Profile("c-9", 1)),
                Journaled(lease3, 1, "p3-b1", profiles: Profile("c-3", 1)),
            ],
            Ct);

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.Fenced, CommitOutcome.Committed], outcomes);
        Assert.NotNull(await Store.LoadAsync("c-1", Ct));
        Assert.NotNull(await Store.LoadAsync("c-3", Ct));
        Assert.Equal([(1L, "p1-b1")], await JournalOfAsync(Group, 1));
        Assert.Equal([(1L, "p3-b1")], await JournalOfAsync(Group, 3));
        Assert.Equal([(1L, "p2-b1")], await JournalOfAsync(Group, 2));
        Assert.Equal("c-2@1", Text((await Store.LoadAsync("c-2", Ct))!.Snapshot));
        Assert.Null(await Store.LoadAsync("c-9", Ct));
        Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930002", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930222", 10, Ct));
        var next = await Store.AcquireAsync(Group, 2, "node-c", Ct);
        Assert.Equal(current.Token + 1, next.Token);
        Assert.Equal(2, next.JournalNext);
        Assert.Equal(10, next.Offsets[Topic]);
    }

    [Fact]
    public async Task CommitAsync_ThrowsArgumentExceptionAndWritesNothing_WhenAPartitionAppearsTwice()
    {
        var lease = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var other = await Store.AcquireAsync(Group, 2, "node-a", Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CommitAsync(
            [Journaled(other, 1, "p2-b1", profiles: Profile("c-2")), Journaled(lease, 1, "b1", profiles: Profile("c-1")), Journaled(lease, 2, "b2")],
            Ct));

        Assert.Null(await Store.LoadAsync("c-1", Ct));
        Assert.Null(await Store.LoadAsync("c-2", Ct));
        Assert.Empty(await Store.LoadJournalAsync(Group, 1, Ct));
        Assert.Empty(await Store.LoadJournalAsync(Group, 2, Ct));
        var next = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        Assert.Equal(1, next.JournalNext);
        Assert.Empty(next.Offsets);
        Assert.Empty((await Store.AcquireAsync(Group, 2, "node-a", Ct)).Offsets);
    }

    [Fact]
    public async Task CommitAsync_WritesNothingInAnyPartition_WhenOnePartitionsBatchFailsMidway()
    {
        var lease1 = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var lease2 = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        var tripping = ProfileWith("c-2", 1, new TrippingIdentifiers([Phone("+4930002")], () => throw new InvalidOperationException("boom")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(
            [Journaled(lease1, 1, "p1-b1", profiles: Profile("c-1", 1, null, Phone("+4930001"))), Journaled(lease2, 1, "p2-b1", profiles: tripping)],
            Ct));

        Assert.Null(await Store.LoadAsync("c-1", Ct));
        Assert.Null(await Store.LoadAsync("c-2", Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930001", 10, Ct));
        Assert.Empty(await Store.LoadJournalAsync(Group, 1, Ct));
        var next = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        Assert.Equal(1, next.JournalNext);
        Assert.Empty(next.Offsets);
    }

    public static TheoryData<string> InvalidJournalCommits => new()
    {
        "journal without sequence", "negative journal sequence", "negative keep-from", "negative profile journal sequence",
        "null commit", "null commit list",
    };

    [Theory]
    [MemberData(nameof(InvalidJournalCommits))]
    public async Task CommitAsync_ThrowsArgumentExceptionAndWritesNothing_WhenJournalInputIsInvalid(string defect)
    {
        var goodLease = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Journaled(lease, 1, "b1"), Ct);
        var good = Journaled(goodLease, 1, "good", profiles: Profile("c-good"));
        var bad = defect switch
        {
            "journal without sequence" => new PartitionCommit(lease, [Profile("c-bad")], Offsets(20)) { Journal = Encoding.UTF8.GetBytes("b2") },
            "negative journal sequence" => new PartitionCommit(lease, [Profile("c-bad")], Offsets(20)) { JournalSequence = -1 },
            "negative keep-from" => Journaled(lease, 2, "b2", keepFrom: -1, Profile("c-bad")),
            "negative profile journal sequence" => Journaled(lease, 2, "b2", profiles: Profile("c-bad") with { JournalSequence = -2 }),
            _ => null!,
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => defect == "null commit list"
            ? Store.CommitAsync((IReadOnlyList<PartitionCommit>)null!, Ct)
            : Store.CommitAsync([good, bad], Ct));

        Assert.Null(await Store.LoadAsync("c-good", Ct));
        Assert.Null(await Store.LoadAsync("c-bad", Ct));
        Assert.Empty(await Store.LoadJournalAsync(Group, 1, Ct));
        Assert.Equal([(1L, "b1")], await JournalOfAsync(Group, 0));
        var next = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        Assert.Equal(2, next.JournalNext);
        Assert.Equal(10, next.Offsets[Topic]);
        Assert.Empty((await Store.AcquireAsync(Group, 1, "node-a", Ct)).Offsets);
    }

    /// <summary>A commit appending <paramref name="events"/> as journal batch <paramref name="sequence"/>, with next offset sequence × 10.</summary>
    private static PartitionCommit Journaled(PartitionLease lease, long sequence, string events, long keepFrom = 0, params ProfileWrite[] profiles) =>
        new(lease, profiles, Offsets(sequence * 10))
        {
            Journal = Encoding.UTF8.GetBytes(events),
            JournalSequence = sequence,
            JournalKeepFrom = keepFrom,
        };

    /// <summary>The partition's kept journal as (sequence, text) pairs.</summary>
    private async Task<(long Sequence, string Events)[]> JournalOfAsync(string group, int partition) =>
        [.. (await Store.LoadJournalAsync(group, partition, Ct)).Select(batch => (batch.Sequence, Text(batch.Data)))];
}
