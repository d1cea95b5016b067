using System.Text;
using CustomerView.Domain;
using static CustomerView.Storage.Tests.TestData;

namespace CustomerView.Storage.Tests;

/// <summary>Commits: atomicity, fencing, identifier replacement, revisions.</summary>
public abstract partial class ProfileStoreConformanceTests
{
    [Fact]
    public async Task CommitAsync_PersistsProfilesIdentifiersAndOffsetsTogether_WhenLeaseIsCurrent()
    {
        var lease = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);

        var outcome = await Store.CommitAsync(
            Commit(lease, 17, Profile("c-1", 4, T0, Phone("+4930333"), Card("fp-1")), Profile("c-2", 2, null, Phone("+4930444"))), Ct);

        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);
        Assert.Equal(CommitOutcome.Committed, outcome);
        var profile = await Store.LoadAsync("c-1", Ct);
        Assert.NotNull(profile);
        Assert.Equal("c-1", profile.CustomerId);
        Assert.Equal(1, profile.Partition);
        Assert.Equal(4, profile.Revision);
        Assert.Equal("c-1@4", Text(profile.Snapshot));
        Assert.InRange(profile.UpdatedAt, before, after);
        Assert.Equal(TimeSpan.Zero, profile.UpdatedAt.Offset);
        Assert.Equal("c-2@2", Text((await Store.LoadAsync("c-2", Ct))!.Snapshot));
        Assert.Equal(new IdentifierMatch("c-1", false, 1), Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930333", 10, Ct)));
        Assert.Equal("c-1", Assert.Single(await Store.LookupAsync(IdentifierKind.Card, "fp-1", 10, Ct)).CustomerId);
        Assert.Equal("c-2", Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930444", 10, Ct)).CustomerId);
        Assert.Equal(17, (await Store.AcquireAsync(Group, 1, "node-a", Ct)).Offsets[Topic]);
    }

    [Fact]
    public async Task LoadAsync_ReturnsTheExactBytes_WhenSnapshotIsASliceOfALargerBuffer()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var buffer = new byte[300];
        new Random(7).NextBytes(buffer);
        var slice = buffer.AsMemory(11, 257);
        var write = new ProfileWrite("c-1", 1, slice, null, [], null);

        await Store.CommitAsync(new PartitionCommit(lease, [write], Offsets(1)), Ct);

        var stored = await Store.LoadAsync("c-1", Ct);
        Assert.Equal(slice.ToArray(), stored!.Snapshot.ToArray());
    }

    [Fact]
    public async Task CommitAsync_StoresEachSnapshotsOwnBytes_WhenSnapshotsAreSlicesOfOneBuffer()
    {
        var lease = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var block = Encoding.UTF8.GetBytes("xxc-1@1yyyc-2@1zz");
        var empty = block.AsMemory(8, 0);
        await Store.CommitAsync(Commit(lease, 3,
            Profile("c-1") with { Snapshot = block.AsMemory(2, 5) },
            Profile("c-2") with { Snapshot = block.AsMemory(10, 5) },
            Profile("c-3") with { Snapshot = empty }), Ct);

        Assert.Equal("c-1@1", Text((await Store.LoadAsync("c-1", Ct))!.Snapshot));
        Assert.Equal("c-2@1", Text((await Store.LoadAsync("c-2", Ct))!.Snapshot));
        Assert.Equal(0, (await Store.LoadAsync("c-3", Ct))!.Snapshot.Length);
    }

    [Fact]
    public async Task CommitAsync_ReturnsFencedAndWritesNothing_WhenLeaseIsStale()
    {
        var stale = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(stale, 5, Profile("c-1", 1, T0, Phone("+4930555"))), Ct);
        var current = await Store.AcquireAsync(Group, 0, "node-b", Ct);

        var outcome = await Store.CommitAsync(
            new PartitionCommit(stale, [Profile("c-1", 2, T0.AddHours(1), Phone("+4930666")), Profile("c-9", 1, T0, Card("fp-9"))],
                new Dictionary<string, long> { [Topic] = 9, [OtherTopic] = 3 }),
            Ct);

        Assert.Equal(CommitOutcome.Fenced, outcome);
        var profile = await Store.LoadAsync("c-1", Ct);
        Assert.Equal(1, profile!.Revision);
        Assert.Equal("c-1@1", Text(profile.Snapshot));
        Assert.Null(await Store.LoadAsync("c-9", Ct));
        Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930555", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930666", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Card, "fp-9", 10, Ct));
        Assert.Equal(new WakeUp("c-1", T0), Assert.Single(await Store.LoadWakeUpsAsync(0, T0.AddDays(1), 10, Ct)));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Commit(current, 6), Ct));
        var offsets = (await Store.AcquireAsync(Group, 0, "node-c", Ct)).Offsets;
        Assert.Equal(6, offsets[Topic]);
        Assert.False(offsets.ContainsKey(OtherTopic));
    }

    [Fact]
    public async Task CommitAsync_ReturnsFenced_WhenPartitionWasNeverAcquired()
    {
        var forged = new PartitionLease(Group, 7, 1, new Dictionary<string, long>());

        var outcome = await Store.CommitAsync(Commit(forged, 3, Profile("c-1")), Ct);

        Assert.Equal(CommitOutcome.Fenced, outcome);
        Assert.Null(await Store.LoadAsync("c-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_FencesTheEarlierOwner_WhenTwoOwnersRaceForAPartition()
    {
        var nodeA = Store;
        var nodeB = await OpenStoreAsync();
        for (var round = 1; round <= 20; round++)
        {
            var leaseA = await nodeA.AcquireAsync(Group, 5, "node-a", Ct);
            var commitA = Task.Run(() => nodeA.CommitAsync(Commit(leaseA, round * 10, Profile("c-race", round)), Ct), Ct);
            var acquireB = Task.Run(() => nodeB.AcquireAsync(Group, 5, "node-b", Ct), Ct);
            var outcome = await commitA;
            var leaseB = await acquireB;

            // Either A committed before B took over (and B resumes after A's batch), or A was fenced and B resumes before it.
            var stored = await nodeB.LoadAsync("c-race", Ct);
            if (outcome == CommitOutcome.Committed)
            {
                Assert.Equal(round * 10, leaseB.Offsets[Topic]);
                Assert.Equal(round, stored!.Revision);
            }
            else
            {
                Assert.NotEqual(round * 10, leaseB.Offsets.GetValueOrDefault(Topic));
                Assert.NotEqual(round, stored?.Revision);
            }

            Assert.Equal(leaseA.Token + 1, leaseB.Token);
            Assert.Equal(CommitOutcome.Fenced, await nodeA.CommitAsync(Commit(leaseA, round * 10 + 1, Profile("c-race", round + 100)), Ct));
            Assert.Equal(CommitOutcome.Committed, await nodeB.CommitAsync(Commit(leaseB, round * 10 + 2, Profile("c-race", round)), Ct));
        }

        Assert.Equal(20, (await nodeA.LoadAsync("c-race", Ct))!.Revision);
        Assert.Equal(202, (await nodeA.AcquireAsync(Group, 5, "node-a", Ct)).Offsets[Topic]);
    }

    [Fact]
    public async Task CommitAsync_ReplacesTheIdentifierSet_WhenALaterCommitChangesIt()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1", 1, null, Phone("+4930001"), Card("fp-1"), new IndexedIdentifier(IdentifierKind.Account, "DE001", false))), Ct);

        await Store.CommitAsync(Commit(lease, 2, Profile("c-1", 2, null, Phone("+4930002"), new IndexedIdentifier(IdentifierKind.Account, "DE001", true))), Ct);

        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930001", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Card, "fp-1", 10, Ct));
        Assert.Equal(new IdentifierMatch("c-1", false, 0), Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930002", 10, Ct)));
        Assert.Equal(new IdentifierMatch("c-1", true, 0), Assert.Single(await Store.LookupAsync(IdentifierKind.Account, "DE001", 10, Ct)));

        await Store.CommitAsync(Commit(lease, 3, Profile("c-1", 3)), Ct);

        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930002", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Account, "DE001", 10, Ct));
    }

    [Fact]
    public async Task CommitAsync_KeepsTheStoredProfile_WhenWriteHasALowerRevision()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1", 5, T0, Phone("+4930005"))), Ct);

        var outcome = await Store.CommitAsync(Commit(lease, 2, Profile("c-1", 3, T0.AddHours(-1), Phone("+4930003")), Profile("c-2", 1)), Ct);

        Assert.Equal(CommitOutcome.Committed, outcome);
        var profile = await Store.LoadAsync("c-1", Ct);
        Assert.Equal(5, profile!.Revision);
        Assert.Equal("c-1@5", Text(profile.Snapshot));
        Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930005", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930003", 10, Ct));
        Assert.Equal(new WakeUp("c-1", T0), Assert.Single(await Store.LoadWakeUpsAsync(0, T0.AddDays(1), 10, Ct)));
        Assert.NotNull(await Store.LoadAsync("c-2", Ct));
        Assert.Equal(2, (await Store.AcquireAsync(Group, 0, "node-a", Ct)).Offsets[Topic]);
    }

    [Fact]
    public async Task CommitAsync_OverwritesTheStoredProfile_WhenWriteHasTheSameRevision()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1", 5, null, Phone("+4930005"))), Ct);
        var replay = new ProfileWrite("c-1", 5, "replayed"u8.ToArray(), null, [Phone("+4930006")], null);

        await Store.CommitAsync(new PartitionCommit(lease, [replay], Offsets(2)), Ct);

        Assert.Equal("replayed", Text((await Store.LoadAsync("c-1", Ct))!.Snapshot));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930005", 10, Ct));
        Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930006", 10, Ct));
    }

    [Fact]
    public async Task CommitAsync_WritesEveryProfile_WhenBatchIsLarge()
    {
        const int Count = 2_000;
        var lease = await Store.AcquireAsync(Group, 9, "node-a", Ct);
        var profiles = new ProfileWrite[Count];
        for (var i = 0; i < Count; i++)
        {
            profiles[i] = Profile($"c-{i:D5}", i + 1, T0.AddSeconds(i), Phone($"+49301{i:D5}"), Phone("+4930household", shared: true));
        }

        var outcome = await Store.CommitAsync(new PartitionCommit(lease, profiles, Offsets(Count)), Ct);

        Assert.Equal(CommitOutcome.Committed, outcome);
        var wakeUps = await Store.LoadWakeUpsAsync(9, T0.AddDays(1), 100_000, Ct);
        Assert.Equal(Count, wakeUps.Count);
        Assert.Equal(new WakeUp("c-00000", T0), wakeUps[0]);
        Assert.Equal(new WakeUp("c-01999", T0.AddSeconds(1999)), wakeUps[^1]);
        Assert.Equal("c-01234@1235", Text((await Store.LoadAsync("c-01234", Ct))!.Snapshot));
        Assert.Equal("c-01999", Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930101999", 10, Ct)).CustomerId);
        Assert.Equal(Count, (await Store.LookupAsync(IdentifierKind.Phone, "+4930household", 100_000, Ct)).Count);
        Assert.Equal(Count, (await Store.AcquireAsync(Group, 9, "node-a", Ct)).Offsets[Topic]);
    }

    [Fact]
    public async Task CommitAsync_LeavesNothingHalfWritten_WhenAWriteFailsMidway()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 5, Profile("c-0001", 1, null, Phone("+4930777"))), Ct);
        var profiles = MidwayBatch(() => throw new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(new PartitionCommit(lease, profiles, Offsets(99)), Ct));

        await AssertUntouchedAfterMidwayFailureAsync(lease);
    }

    [Fact]
    public async Task CommitAsync_LeavesNothingHalfWritten_WhenCancelledMidway()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 5, Profile("c-0001", 1, null, Phone("+4930777"))), Ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var profiles = MidwayBatch(cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.CommitAsync(new PartitionCommit(lease, profiles, Offsets(99)), cancellation.Token));

        await AssertUntouchedAfterMidwayFailureAsync(lease);
    }

    [Fact]
    public async Task CommitAsync_WritesNothing_WhenCancelledBeforeItStarts()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.CommitAsync(Commit(lease, 3, Profile("c-1")), new CancellationToken(canceled: true)));

        Assert.Null(await Store.LoadAsync("c-1", Ct));
        Assert.Empty((await Store.AcquireAsync(Group, 0, "node-a", Ct)).Offsets);
    }

    public static TheoryData<string> InvalidCommits => new()
    {
        "duplicate customer", "empty customer id", "unspecified identifier kind", "empty identifier key",
        "duplicate identifier", "negative revision", "negative offset", "empty topic", "null identifier list",
    };

    [Theory]
    [MemberData(nameof(InvalidCommits))]
    public async Task CommitAsync_ThrowsArgumentExceptionAndWritesNothing_WhenInputIsInvalid(string defect)
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var good = Profile("c-good", 1, null, Phone("+4930888"));
        var offsets = Offsets(10);
        ProfileWrite bad = defect switch
        {
            "duplicate customer" => Profile("c-good", 2),
            "empty customer id" => Profile(""),
            "unspecified identifier kind" => Profile("c-bad", 1, null, new IndexedIdentifier(IdentifierKind.Unspecified, "x", false)),
            "empty identifier key" => Profile("c-bad", 1, null, Phone("")),
            "duplicate identifier" => Profile("c-bad", 1, null, Phone("+4930999"), Phone("+4930999", shared: true)),
            "negative revision" => Profile("c-bad", -1),
            "null identifier list" => ProfileWith("c-bad", 1, null!),
            _ => Profile("c-bad"),
        };
        if (defect == "negative offset")
        {
            offsets = new Dictionary<string, long> { [Topic] = -1 };
        }
        else if (defect == "empty topic")
        {
            offsets = new Dictionary<string, long> { [""] = 10 };
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CommitAsync(new PartitionCommit(lease, [good, bad], offsets), Ct));

        Assert.Null(await Store.LoadAsync("c-good", Ct));
        Assert.Null(await Store.LoadAsync("c-bad", Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930888", 10, Ct));
        Assert.Empty((await Store.AcquireAsync(Group, 0, "node-a", Ct)).Offsets);
    }

    /// <summary>100 new profiles and a newer revision of c-0001; the 50th profile's identifiers trip while the batch is written.</summary>
    private static ProfileWrite[] MidwayBatch(Action trip)
    {
        var profiles = new ProfileWrite[101];
        profiles[0] = Profile("c-0001", 2, null, Phone("+4930778"));
        for (var i = 1; i < profiles.Length; i++)
        {
            profiles[i] = i == 50
                ? ProfileWith($"n-{i:D4}", 1, new TrippingIdentifiers([Phone($"+4931{i:D4}")], trip))
                : Profile($"n-{i:D4}", 1, null, Phone($"+4931{i:D4}"));
        }

        return profiles;
    }

    private async Task AssertUntouchedAfterMidwayFailureAsync(PartitionLease lease)
    {
        var profile = await Store.LoadAsync("c-0001", Ct);
        Assert.Equal(1, profile!.Revision);
        Assert.Null(await Store.LoadAsync("n-0001", Ct));
        Assert.Null(await Store.LoadAsync("n-0049", Ct));
        Assert.Single(await Store.LookupAsync(IdentifierKind.Phone, "+4930777", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+4930778", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+49310001", 10, Ct));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Commit(lease, 6, Profile("c-0002")), Ct));
        Assert.Equal(6, (await Store.AcquireAsync(Group, 0, "node-a", Ct)).Offsets[Topic]);
    }
}
