using CustomerView.Domain;
using static CustomerView.Storage.Tests.TestData;

namespace CustomerView.Storage.Tests;

/// <summary>Reads: load, lookup, wake-ups.</summary>
public abstract partial class ProfileStoreConformanceTests
{
    [Fact]
    public async Task LoadAsync_ReturnsNull_WhenCustomerIsUnknown()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-1")), Ct);

        Assert.Null(await Store.LoadAsync("c-unknown", Ct));
        Assert.Null(await Store.LoadAsync("C-1", Ct));
        Assert.NotNull(await Store.LoadAsync("c-1", Ct));
    }

    [Fact]
    public async Task LookupAsync_ReturnsEveryCustomerSharingAPhoneOrderedAndCapped_WhenPhoneIsShared()
    {
        var leaseA = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var leaseB = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        var household = Phone("+4930100200", shared: true);
        await Store.CommitAsync(Commit(leaseA, 1, Profile("c-3", 1, null, household), Profile("c-1", 1, null, household, Card("fp-1"))), Ct);
        await Store.CommitAsync(Commit(leaseB, 1, Profile("c-2", 1, null, household), Profile("c-4", 1, null, Phone("+4930100201"))), Ct);

        var all = await Store.LookupAsync(IdentifierKind.Phone, "+4930100200", 10, Ct);
        var capped = await Store.LookupAsync(IdentifierKind.Phone, "+4930100200", 2, Ct);

        Assert.Equal([new IdentifierMatch("c-1", true, 0), new IdentifierMatch("c-2", true, 1), new IdentifierMatch("c-3", true, 0)], all);
        Assert.Equal([new IdentifierMatch("c-1", true, 0), new IdentifierMatch("c-2", true, 1)], capped);
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Card, "+4930100200", 10, Ct));
        Assert.Empty(await Store.LookupAsync(IdentifierKind.Phone, "+49301002", 10, Ct));
    }

    [Fact]
    public async Task LoadWakeUpsAsync_ReturnsOnlyThePartitionsDueCustomersEarliestFirst_WhenSomeAreDue()
    {
        var lease0 = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        var lease1 = await Store.AcquireAsync(Group, 1, "node-a", Ct);
        await Store.CommitAsync(Commit(lease0, 1,
            Profile("c-a", 1, T0.AddMinutes(3)), Profile("c-b", 1, T0.AddMinutes(1)), Profile("c-c", 1, T0.AddMinutes(10)),
            Profile("c-d", 1, null), Profile("c-e", 1, T0.AddMinutes(5))), Ct);
        await Store.CommitAsync(Commit(lease1, 1, Profile("c-f", 1, T0)), Ct);

        var due = await Store.LoadWakeUpsAsync(0, T0.AddMinutes(5), 10, Ct);
        var first = await Store.LoadWakeUpsAsync(0, T0.AddMinutes(5), 1, Ct);

        Assert.Equal([new WakeUp("c-b", T0.AddMinutes(1)), new WakeUp("c-a", T0.AddMinutes(3)), new WakeUp("c-e", T0.AddMinutes(5))], due);
        Assert.Equal([new WakeUp("c-b", T0.AddMinutes(1))], first);
        Assert.Empty(await Store.LoadWakeUpsAsync(0, T0, 10, Ct));
        Assert.Equal("c-f", Assert.Single(await Store.LoadWakeUpsAsync(1, T0.AddDays(1), 10, Ct)).CustomerId);
    }

    [Fact]
    public async Task LoadWakeUpsAsync_ReflectsTheLatestWakeUp_WhenAProfileIsRewritten()
    {
        var lease = await Store.AcquireAsync(Group, 0, "node-a", Ct);
        await Store.CommitAsync(Commit(lease, 1, Profile("c-a", 1, T0)), Ct);

        await Store.CommitAsync(Commit(lease, 2, Profile("c-a", 2, null)), Ct);

        Assert.Empty(await Store.LoadWakeUpsAsync(0, T0.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task Reads_ThrowArgumentException_WhenArgumentsAreInvalid()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadAsync("", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LookupAsync(IdentifierKind.Unspecified, "x", 10, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LookupAsync(IdentifierKind.Phone, "", 10, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LookupAsync(IdentifierKind.Phone, "x", 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadWakeUpsAsync(-1, T0, 10, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LoadWakeUpsAsync(0, T0, 0, Ct));
    }
}
