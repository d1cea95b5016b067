using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using DomainChannel = CustomerView.Domain.Channel;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;
using ProfileView = CustomerView.Contracts.V1.ProfileView;

namespace CustomerView.Engine.Tests;

public sealed class ServedViewsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CustomerActor NewActor(string customer, ServedViews served) =>
        new(new DomainProfile(CustomerId.Parse(customer)), partition: 0, served: served);

    private static ReadOnlyMemory<byte>? Get(ServedViews served, string customer, ProfileView view, DateTimeOffset at) =>
        served.TryGet(customer, view, at.UtcTicks, out var response, out _) ? response : (ReadOnlyMemory<byte>?)null;

    private static DomainEvent Renamed(string customer, string id, string name, int minutes) =>
        new(EventId.Parse(id), CustomerId.Parse(customer), DomainChannel.CallCenter, T0.AddMinutes(minutes), "test", new AttributesChanged { FullName = name });

    [Fact]
    public void TryGet_ServesTheEvaluatedViewsBytes_UntilTheProfileChanges()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.Apply(Renamed("C-1", "a", "Ada", 0), T0);

        var beforeEvaluation = Get(served, "C-1", ProfileView.Standard, T0);
        var evaluated = actor.GetSerializedProfile(ProfileView.Standard, T0);
        var hit = Get(served, "C-1", ProfileView.Standard, T0.AddSeconds(1));
        var otherView = Get(served, "C-1", ProfileView.Card, T0.AddSeconds(1));
        var expired = Get(served, "C-1", ProfileView.Standard, T0.Add(CustomerActor.MaxViewAge));
        actor.Apply(Renamed("C-1", "b", "Ada L.", 1), T0.AddSeconds(2));
        var afterChange = Get(served, "C-1", ProfileView.Standard, T0.AddSeconds(2));
        var reevaluated = actor.GetSerializedProfile(ProfileView.Standard, T0.AddSeconds(3));
        var hitAgain = Get(served, "C-1", ProfileView.Standard, T0.AddSeconds(4));

        Assert.Null(beforeEvaluation);
        Assert.NotNull(hit);
        Assert.True(evaluated.Span == hit.Value.Span, "the evaluated bytes themselves");
        Assert.Null(otherView);
        Assert.Null(expired);
        Assert.Null(afterChange);
        Assert.True(reevaluated.Span == hitAgain!.Value.Span, "the view evaluated after the change");
    }

    [Fact]
    public void TryGet_ReturnsNothing_ForAnotherCustomerWhoseViewHoldsTheSlot()
    {
        var served = new ServedViews(1);
        var first = NewActor("C-1", served);
        var second = NewActor("C-2", served);
        first.GetSerializedProfile(ProfileView.Standard, T0);

        var otherCustomer = Get(served, "C-2", ProfileView.Standard, T0);
        second.GetSerializedProfile(ProfileView.Standard, T0);
        var evicted = Get(served, "C-1", ProfileView.Standard, T0);
        var taken = Get(served, "C-2", ProfileView.Standard, T0);
        var longerId = Get(served, "C-22", ProfileView.Standard, T0);

        Assert.Null(otherCustomer);
        Assert.Null(evicted);
        Assert.True(taken.HasValue && taken.Value.Span == second.GetSerializedProfile(ProfileView.Standard, T0).Span, "the second customer's view");
        Assert.Null(longerId);
        Assert.True(first.TryGetEvaluatedView(ProfileView.Standard, T0).HasValue, "the evicted view is still the actor's");
    }

    [Fact]
    public async Task TryGet_ReturnsNothing_AfterTheActorIsDeactivated()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        await using var table = new Actors.ActorTable<CustomerActor>((_, _, _) => ValueTask.FromResult(actor), new Actors.ActorTableOptions());
        await table.RunAsync("C-1", 0, (a, _) => a.GetSerializedProfile(ProfileView.Card, T0), TestContext.Current.CancellationToken);

        var whileActive = Get(served, "C-1", ProfileView.Card, T0);
        table.DeactivateWhere(_ => true);
        var afterDeactivation = Get(served, "C-1", ProfileView.Card, T0);

        Assert.NotNull(whileActive);
        Assert.Null(afterDeactivation);
    }

    [Fact]
    public void TryGet_AsksToRecordTheOwnerAsUsed_AtMostOnceASecond()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.GetSerializedProfile(ProfileView.Card, T0);

        CustomerActor? Touch(double seconds) =>
            served.TryGet("C-1", ProfileView.Card, T0.AddSeconds(seconds).UtcTicks, out _, out var touch) ? touch : throw new InvalidOperationException("not served");

        var soonAfterEvaluation = Touch(0.5);
        var aSecondLater = Touch(1);
        var soonAfter = Touch(1.5);
        var later = Touch(2.1);

        Assert.Null(soonAfterEvaluation);
        Assert.Same(actor, aSecondLater);
        Assert.Null(soonAfter);
        Assert.Same(actor, later);
    }

    [Fact]
    public void TryGet_AsksOnceForAnAgingViewsRefresh_InTheLastQuarterOfItsLife()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.Apply(Renamed("C-1", "a", "Ada", 0), T0);
        var first = actor.GetSerializedProfile(ProfileView.Standard, T0);

        // A read every tenth of a second until the view expires: the last one served, and those that asked.
        var lastServed = 0;
        List<int> asked = [];
        for (var ms = 100; served.TryGet("C-1", ProfileView.Standard, T0.AddMilliseconds(ms).UtcTicks, out _, out _, out var refresh); ms += 100)
        {
            lastServed = ms;
            if (refresh)
            {
                asked.Add(ms);
            }
        }

        var askedAt = Assert.Single(asked);
        var actorAlsoAsks = actor.TryGetEvaluatedView(ProfileView.Standard, T0.AddMilliseconds(askedAt), out var actorRefresh).HasValue && actorRefresh;
        Assert.InRange(lastServed, (int)(CustomerActor.MaxViewAge.TotalMilliseconds / 2) - 100, (int)CustomerActor.MaxViewAge.TotalMilliseconds);
        Assert.InRange(askedAt, lastServed * 3 / 4, (lastServed * 3 / 4) + 200);
        Assert.False(actorAlsoAsks, "the index's read claimed the refresh");

        var notDue = T0.AddMilliseconds(askedAt / 2);
        actor.RefreshView(ProfileView.Standard, notDue);
        var unchanged = Get(served, "C-1", ProfileView.Standard, notDue);
        actor.RefreshView(ProfileView.Standard, T0.AddMilliseconds(askedAt));
        var pastTheOldExpiry = Get(served, "C-1", ProfileView.Standard, T0.AddMilliseconds(lastServed + 200));

        Assert.True(unchanged.HasValue && unchanged.Value.Span == first.Span, "a view not due is left as it is");
        Assert.True(pastTheOldExpiry.HasValue && pastTheOldExpiry.Value.Span != first.Span, "the refreshed view outlives the old one");
        var refreshed = Contracts.V1.GetProfileResponse.Parser.ParseFrom(pastTheOldExpiry.Value.Span).Profile;
        Assert.Equal(T0.AddMilliseconds(askedAt), refreshed.EvaluatedAt.ToDateTimeOffset());
        Assert.Equal("Ada", refreshed.Attributes.FullName);
    }

    [Fact]
    public void TryGet_NeverAsksForARefresh_OfAViewThatExpiresAtAWakeUp()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.Apply(new DomainEvent(EventId.Parse("f"), CustomerId.Parse("C-1"), DomainChannel.CallCenter, T0, "test", new ComplaintFiled("K1", "fees", Domain.ComplaintSeverity.High, "x")), T0);
        var due = T0.AddDays(15);
        var evaluatedAt = due.AddSeconds(-10);
        actor.GetSerializedProfile(ProfileView.Standard, evaluatedAt);

        var reads = 0;
        var asked = 0;
        for (var ms = 100; served.TryGet("C-1", ProfileView.Standard, evaluatedAt.AddMilliseconds(ms).UtcTicks, out _, out _, out var refresh); ms += 100)
        {
            reads++;
            asked += refresh ? 1 : 0;
        }

        Assert.Equal(99, reads);
        Assert.Equal(0, asked);
    }

    [Fact]
    public void TryGet_ServesTheView_WhenTheProfilesLengthTakesSeveralBytes()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.Apply(Renamed("C-1", "a", new string('n', 200), 0), T0);
        var evaluated = actor.GetSerializedProfile(ProfileView.Full, T0);

        var hit = Get(served, "C-1", ProfileView.Full, T0);

        Assert.True(evaluated.Length > 130, "a profile length of two varint bytes");
        Assert.True(hit.HasValue && hit.Value.Span == evaluated.Span, "served from the index");
    }

    [Fact]
    public async Task Withdraw_LetsGoOfTheOwner_WhenTheActorIsDeactivated()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        var slot = served.SlotOf("C-1", ProfileView.Standard);
        await using var table = new Actors.ActorTable<CustomerActor>((_, _, _) => ValueTask.FromResult(actor), new Actors.ActorTableOptions());
        await table.RunAsync("C-1", 0, (a, _) => a.GetSerializedProfile(ProfileView.Standard, T0), TestContext.Current.CancellationToken);

        var whileActive = served.OwnerAt(slot);
        table.DeactivateWhere(_ => true);
        var afterDeactivation = served.OwnerAt(slot);

        Assert.Same(actor, whileActive);
        Assert.Null(afterDeactivation);
    }
}
