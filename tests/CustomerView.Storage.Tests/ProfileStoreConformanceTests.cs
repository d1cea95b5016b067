using static CustomerView.Storage.Tests.TestData;

namespace CustomerView.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IProfileStore"/> must have. A subclass supplies fresh storage per test (a file, a
/// database) and opens store instances over it; several instances over the same storage act as several nodes.
/// </summary>
public abstract partial class ProfileStoreConformanceTests : IAsyncLifetime
{
    private readonly List<IProfileStore> _opened = [];

    /// <summary>The store opened (and migrated) for the test.</summary>
    protected IProfileStore Store { get; private set; } = null!;

    /// <summary>Progress lines of the first migration of this test's storage.</summary>
    private protected ProgressLines InitialMigration { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Prepares empty storage for this test.</summary>
    protected virtual ValueTask CreateStorageAsync() => ValueTask.CompletedTask;

    /// <summary>Removes this test's storage.</summary>
    protected virtual ValueTask DeleteStorageAsync() => ValueTask.CompletedTask;

    /// <summary>Opens a new store instance over this test's storage; may migrate (reporting to <paramref name="progress"/>) or leave that to MigrateAsync.</summary>
    protected abstract Task<IProfileStore> CreateStoreAsync(IProgress<string>? progress);

    /// <summary>The schema version the store's last migration brings it to.</summary>
    protected abstract int LatestSchemaVersion { get; }

    public async ValueTask InitializeAsync()
    {
        await CreateStorageAsync();
        Store = await OpenStoreAsync(InitialMigration);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DeleteStorageAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens and migrates another instance over the same storage (another node, or a restart).</summary>
    protected async Task<IProfileStore> OpenStoreAsync(IProgress<string>? progress = null)
    {
        var store = await CreateStoreAsync(progress);
        _opened.Add(store);
        await store.MigrateAsync(progress, Ct);
        return store;
    }

    [Fact]
    public async Task MigrateAsync_ReportsStepsThenDoesNothing_WhenRunTwice()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 7, Profile("c-1", 1, null, Phone("+4930111"))), Ct);

        var second = new ProgressLines();
        await Store.MigrateAsync(second, Ct);

        Assert.Contains(InitialMigration.Lines, line => line.Contains("migration 1", StringComparison.Ordinal));
        Assert.Contains(InitialMigration.Lines, line => line.Contains("migration 2", StringComparison.Ordinal));
        Assert.Contains(InitialMigration.Lines, line => line.Contains("migration 3: partition journals", StringComparison.Ordinal));
        Assert.Contains(second.Lines, line => line.Contains("up to date", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Lines, line => line.Contains("migration 1", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Lines, line => line.Contains("migration 2", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Lines, line => line.Contains("migration 3", StringComparison.Ordinal));
        Assert.Contains(second.Lines, line => line.Contains($"version {LatestSchemaVersion}", StringComparison.Ordinal));
        Assert.Equal(1, (await Store.LoadAsync("c-1", Ct))?.Revision);
        Assert.Single(await Store.LookupAsync(Domain.IdentifierKind.Phone, "+4930111", 10, Ct));
        var reacquired = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        Assert.Equal(7, reacquired.Offsets[Topic]);
    }

    [Fact]
    public async Task AcquireAsync_IncrementsTokenAndReturnsStoredOffsets_WhenPartitionIsReacquired()
    {
        var first = await Store.AcquireAsync(Group, 3, "node-a", Ct);
        var offsets = new Dictionary<string, long> { [Topic] = 120, [OtherTopic] = 4 };
        await Store.CommitAsync(new PartitionCommit(first, [], offsets), Ct);
        var otherPartition = await Store.AcquireAsync(Group, 4, "node-a", Ct);
        await Store.CommitAsync(Commit(otherPartition, 999), Ct);
        var otherGroup = await Store.AcquireAsync("other-group", 3, "node-a", Ct);
        await Store.CommitAsync(Commit(otherGroup, 555), Ct);

        var second = await Store.AcquireAsync(Group, 3, "node-b", Ct);

        Assert.Empty(first.Offsets);
        Assert.True(first.Token > 0);
        Assert.Equal(first.Token + 1, second.Token);
        Assert.Equal(Group, second.Group);
        Assert.Equal(3, second.Partition);
        Assert.Equal(2, second.Offsets.Count);
        Assert.Equal(120, second.Offsets[Topic]);
        Assert.Equal(4, second.Offsets[OtherTopic]);
    }

    [Fact]
    public async Task AcquireAsync_ThrowsArgumentException_WhenArgumentsAreInvalid()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AcquireAsync("", 0, "node-a", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AcquireAsync(Group, -1, "node-a", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AcquireAsync(Group, 0, "", Ct));

        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        Assert.Equal(1, lease.Token);
    }

    [Fact]
    public async Task OpenedAgain_SeesEverything_WhenANewInstanceOpensTheSameStorage()
    {
        var lease = await Store.AcquireAsync(Group, 2, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 42, Profile("c-1", 3, T0, Phone("+4930222", shared: true)), Profile("c-2", 1, null, Card("fp-9"))), Ct);
        await Store.DisposeAsync();

        var reopened = await OpenStoreAsync();

        var profile = await reopened.LoadAsync("c-1", Ct);
        Assert.NotNull(profile);
        Assert.Equal(3, profile.Revision);
        Assert.Equal(2, profile.Partition);
        Assert.Equal("c-1@3", Text(profile.Snapshot));
        var match = Assert.Single(await reopened.LookupAsync(Domain.IdentifierKind.Phone, "+4930222", 10, Ct));
        Assert.Equal(new IdentifierMatch("c-1", true, 2), match);
        Assert.Equal("c-2", Assert.Single(await reopened.LookupAsync(Domain.IdentifierKind.Card, "fp-9", 10, Ct)).CustomerId);
        Assert.Equal(new WakeUp("c-1", T0), Assert.Single(await reopened.LoadWakeUpsAsync(2, T0, 10, Ct)));
        var next = await reopened.AcquireAsync(Group, 2, "node-b", Ct);
        Assert.Equal(lease.Token + 1, next.Token);
        Assert.Equal(42, next.Offsets[Topic]);
        Assert.Equal(CommitOutcome.Fenced, await reopened.CommitAsync(Commit(lease, 43), Ct));
    }
}
