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

    private static DomainEvent Renamed(string customer, string id, string name, int minutes) =>
        new(EventId.Parse(id), CustomerId.Parse(customer), DomainChannel.CallCenter, T0.AddMinutes(minutes), "test", new AttributesChanged { FullName = name });

    [Fact]
    public void TryGet_ServesTheEvaluatedViewsBytes_UntilTheProfileChanges()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.Apply(Renamed("C-1", "a", "Ada", 0), T0);

        var beforeEvaluation = served.TryGet("C-1", ProfileView.Standard, T0.Ticks);
        var evaluated = actor.GetSerializedProfile(ProfileView.Standard, T0);
        var hit = served.TryGet("C-1", ProfileView.Standard, T0.AddSeconds(1).Ticks);
        var otherView = served.TryGet("C-1", ProfileView.Card, T0.AddSeconds(1).Ticks);
        var expired = served.TryGet("C-1", ProfileView.Standard, T0.Add(CustomerActor.MaxViewAge).Ticks);
        actor.Apply(Renamed("C-1", "b", "Ada L.", 1), T0.AddSeconds(2));
        var afterChange = served.TryGet("C-1", ProfileView.Standard, T0.AddSeconds(2).Ticks);
        var reevaluated = actor.GetSerializedProfile(ProfileView.Standard, T0.AddSeconds(3));
        var hitAgain = served.TryGet("C-1", ProfileView.Standard, T0.AddSeconds(4).Ticks);

        Assert.Null(beforeEvaluation);
        Assert.NotNull(hit);
        Assert.True(evaluated.Span == hit.Serialized, "the evaluated bytes themselves");
        Assert.Same(actor, hit.Owner);
        Assert.Null(otherView);
        Assert.Null(expired);
        Assert.Null(afterChange);
        Assert.True(reevaluated.Span == hitAgain!.Serialized, "the view evaluated after the change");
    }

    [Fact]
    public void TryGet_ReturnsNothing_ForAnotherCustomerWhoseViewHoldsTheSlot()
    {
        var served = new ServedViews(1);
        var first = NewActor("C-1", served);
        var second = NewActor("C-2", served);
        first.GetSerializedProfile(ProfileView.Standard, T0);

        var otherCustomer = served.TryGet("C-2", ProfileView.Standard, T0.Ticks);
        second.GetSerializedProfile(ProfileView.Standard, T0);
        var evicted = served.TryGet("C-1", ProfileView.Standard, T0.Ticks);
        var taken = served.TryGet("C-2", ProfileView.Standard, T0.Ticks);
        var longerId = served.TryGet("C-22", ProfileView.Standard, T0.Ticks);

        Assert.Null(otherCustomer);
        Assert.Null(evicted);
        Assert.Same(second, taken?.Owner);
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

        var whileActive = served.TryGet("C-1", ProfileView.Card, T0.Ticks);
        table.DeactivateWhere(_ => true);
        var afterDeactivation = served.TryGet("C-1", ProfileView.Card, T0.Ticks);

        Assert.NotNull(whileActive);
        Assert.Null(afterDeactivation);
    }

    [Fact]
    public void ShouldTouch_AnswersTrueAtMostOnceASecond()
    {
        var served = new ServedViews(64);
        var actor = NewActor("C-1", served);
        actor.GetSerializedProfile(ProfileView.Card, T0);
        var view = served.TryGet("C-1", ProfileView.Card, T0.Ticks)!;

        var atEvaluation = view.ShouldTouch(T0.AddMilliseconds(500).Ticks);
        var aSecondLater = view.ShouldTouch(T0.AddSeconds(1).Ticks);
        var soonAfter = view.ShouldTouch(T0.AddSeconds(1.5).Ticks);
        var later = view.ShouldTouch(T0.AddSeconds(2.1).Ticks);

        Assert.False(atEvaluation);
        Assert.True(aSecondLater);
        Assert.False(soonAfter);
        Assert.True(later);
    }
}
