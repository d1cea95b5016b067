using AlertKind = CustomerView.Contracts.V1.AlertKind;
using ProfileSection = CustomerView.Contracts.V1.ProfileSection;
using GetProfileResponse = CustomerView.Contracts.V1.GetProfileResponse;
using ProfileView = CustomerView.Contracts.V1.ProfileView;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using DomainChannel = CustomerView.Domain.Channel;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;
using Google.Protobuf;

namespace CustomerView.Engine.Tests;

public sealed class CustomerActorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly CustomerId Customer = CustomerId.Parse("C-1");

    private static DomainEvent E(string id, EventPayload payload, int minutes) =>
        new(EventId.Parse(id), Customer, DomainChannel.CallCenter, T0.AddMinutes(minutes), "test", payload);

    private static CustomerActor NewActor() => new(new DomainProfile(Customer), partition: 0);

    [Fact]
    public void GetProfile_ServesTheCachedView_UntilTheProfileChanges()
    {
        var actor = NewActor();
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);

        var first = actor.GetProfile(ProfileView.Card, T0);
        var again = actor.GetProfile(ProfileView.Card, T0.AddSeconds(1));
        actor.Apply(E("b", new AttributesChanged { FullName = "Ada L." }, 1), T0.AddSeconds(2));
        var changed = actor.GetProfile(ProfileView.Card, T0.AddSeconds(2));

        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal("Ada L.", changed.Profile.Attributes.FullName);
    }

    [Fact]
    public void GetProfile_ReevaluatesAlerts_WhenAWakeUpTimePasses()
    {
        var actor = NewActor();
        actor.Apply(E("f", new ComplaintFiled("K1", "fees", Domain.ComplaintSeverity.High, "x"), 0), T0);
        var due = T0.AddDays(15);

        var before = actor.GetProfile(ProfileView.Card, due.AddSeconds(-10));
        var after = actor.GetProfile(ProfileView.Card, due.AddSeconds(1));

        Assert.DoesNotContain(before.Profile.Alerts, a => a.Kind == AlertKind.ComplaintOverdue);
        Assert.Contains(after.Profile.Alerts, a => a.Kind == AlertKind.ComplaintOverdue);
    }

    [Fact]
    public void GetSerializedProfile_ServesTheCachedViewsBytes_UntilTheProfileChanges()
    {
        var actor = NewActor();
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);

        var first = actor.GetSerializedProfile(ProfileView.Standard, T0);
        var again = actor.GetSerializedProfile(ProfileView.Standard, T0.AddSeconds(1));
        var card = actor.GetSerializedProfile(ProfileView.Card, T0.AddSeconds(1));
        actor.Apply(E("b", new AttributesChanged { FullName = "Ada L." }, 1), T0.AddSeconds(2));
        var changed = actor.GetSerializedProfile(ProfileView.Standard, T0.AddSeconds(2));

        Assert.True(first.Span == again.Span, "the same cached bytes are served again");
        Assert.Equal(actor.GetProfile(ProfileView.Standard, T0.AddSeconds(2)).ToByteArray(), changed.ToArray());
        Assert.Equal(ProfileView.Card, GetProfileResponse.Parser.ParseFrom(card.Span).View);
        Assert.Equal("Ada", GetProfileResponse.Parser.ParseFrom(first.Span).Profile.Attributes.FullName);
        Assert.Equal("Ada L.", GetProfileResponse.Parser.ParseFrom(changed.Span).Profile.Attributes.FullName);
    }

    [Fact]
    public void TryGetEvaluatedView_ServesOnlyAViewStillValid_WithoutEvaluatingOne()
    {
        var actor = NewActor();
        actor.Apply(E("f", new ComplaintFiled("K1", "fees", Domain.ComplaintSeverity.High, "x"), 0), T0);
        var due = T0.AddDays(15);

        var beforeEvaluation = actor.TryGetEvaluatedView(ProfileView.Standard, T0);
        var evaluated = actor.GetSerializedProfile(ProfileView.Standard, T0);
        var cached = actor.TryGetEvaluatedView(ProfileView.Standard, T0.AddSeconds(1));
        var otherView = actor.TryGetEvaluatedView(ProfileView.Card, T0.AddSeconds(1));
        var pastWakeUp = actor.TryGetEvaluatedView(ProfileView.Standard, due.AddSeconds(1));
        actor.GetSerializedProfile(ProfileView.Standard, T0.AddSeconds(2));
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 1), T0.AddSeconds(3));
        var afterChange = actor.TryGetEvaluatedView(ProfileView.Standard, T0.AddSeconds(3));

        Assert.Null(beforeEvaluation);
        Assert.NotNull(cached);
        Assert.True(evaluated.Span == cached.Value.Span, "the evaluated bytes themselves");
        Assert.Null(otherView);
        Assert.Null(pastWakeUp);
        Assert.Null(afterChange);
    }

    [Fact]
    public void GetProfile_ReturnsTheSameProfileAsTheCachedBytes_AfterTheViewWasServedSerialized()
    {
        var actor = NewActor();
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);
        actor.Apply(E("f", new ComplaintFiled("K1", "fees", Domain.ComplaintSeverity.High, "x"), 1), T0);

        var bytes = actor.GetSerializedProfile(ProfileView.Standard, T0.AddMinutes(2));
        var message = actor.GetProfile(ProfileView.Standard, T0.AddMinutes(2).AddSeconds(1));
        var again = actor.GetProfile(ProfileView.Standard, T0.AddMinutes(2).AddSeconds(2));
        var bytesAgain = actor.GetSerializedProfile(ProfileView.Standard, T0.AddMinutes(2).AddSeconds(3));

        Assert.Equal(GetProfileResponse.Parser.ParseFrom(bytes.Span), message);
        Assert.Equal("Ada", message.Profile.Attributes.FullName);
        Assert.Same(message, again);
        Assert.True(bytes.Span.SequenceEqual(bytesAgain.Span));
    }

    [Fact]
    public void GetSerializedProfile_Reserializes_WhenTheCachedViewExpires()
    {
        var actor = NewActor();
        actor.Apply(E("f", new ComplaintFiled("K1", "fees", Domain.ComplaintSeverity.High, "x"), 0), T0);
        var due = T0.AddDays(15);

        var before = GetProfileResponse.Parser.ParseFrom(actor.GetSerializedProfile(ProfileView.Card, due.AddSeconds(-10)).Span);
        var after = GetProfileResponse.Parser.ParseFrom(actor.GetSerializedProfile(ProfileView.Card, due.AddSeconds(1)).Span);

        Assert.DoesNotContain(before.Profile.Alerts, a => a.Kind == AlertKind.ComplaintOverdue);
        Assert.Contains(after.Profile.Alerts, a => a.Kind == AlertKind.ComplaintOverdue);
    }

    [Fact]
    public void GetProfile_ReevaluatesTheView_OnceTheMaximumViewAgePasses()
    {
        var actor = NewActor();
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);

        var first = actor.GetProfile(ProfileView.Card, T0);
        var halfAge = actor.GetProfile(ProfileView.Card, T0 + (CustomerActor.MaxViewAge / 2) - TimeSpan.FromTicks(1));
        var pastAge = actor.GetProfile(ProfileView.Card, T0 + CustomerActor.MaxViewAge);

        Assert.Same(first, halfAge);
        Assert.NotSame(first, pastAge);
    }

    [Fact]
    public void GetProfile_SpreadsExpiries_WhenManyViewsAreEvaluatedTogether()
    {
        var actors = Enumerable.Range(0, 100).Select(_ => NewActor()).ToArray();
        var first = actors.Select(a =>
        {
            a.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);
            return a.GetProfile(ProfileView.Card, T0);
        }).ToArray();

        var threeQuarters = T0 + (CustomerActor.MaxViewAge * 0.75);
        var reevaluated = actors.Where((a, i) => !ReferenceEquals(first[i], a.GetProfile(ProfileView.Card, threeQuarters))).Count();

        Assert.InRange(reevaluated, 1, actors.Length - 1);
    }

    [Fact]
    public void Dirty_IsSetByChanges_AndClearedBySnapshot()
    {
        var actor = NewActor();
        Assert.False(actor.Dirty);

        actor.Apply(E("a", new FeedbackGiven { Satisfaction = 5 }, 0), T0);
        Assert.True(actor.Dirty);
        actor.SnapshotTaken();
        actor.Snapshotted(3, null);
        Assert.False(actor.Dirty);
        actor.Apply(E("a", new FeedbackGiven { Satisfaction = 5 }, 0), T0);

        Assert.False(actor.Dirty);
        Assert.Equal(3, actor.SnapshotSequence);
        Assert.Equal(0, actor.EventsSinceSnapshot);
    }

    [Fact]
    public void Journaled_KeepsTheFirstUnsnapshottedBatch_UntilASnapshotIsStored()
    {
        var actor = NewActor();
        Assert.Equal(CustomerActor.NeverStored, actor.SnapshotSequence);

        actor.Apply(E("a", new FeedbackGiven { Satisfaction = 5 }, 0), T0);
        actor.JournalPlanned();
        actor.Journaled(7);
        actor.Apply(E("b", new FeedbackGiven { Satisfaction = 4 }, 1), T0);
        actor.JournalPlanned();
        actor.Journaled(8);

        Assert.False(actor.Dirty);
        Assert.Equal(7, actor.FirstUnsnapshotted);
        Assert.Equal(2, actor.EventsSinceSnapshot);
        actor.SnapshotTaken();
        actor.Snapshotted(9, null);
        Assert.Equal(0, actor.FirstUnsnapshotted);
    }

    [Fact]
    public void JournalPlanned_LeavesLaterChangesDirty_WhileItsCommitIsInFlight()
    {
        var actor = NewActor();
        actor.Apply(E("a", new FeedbackGiven { Satisfaction = 5 }, 0), T0);
        actor.JournalPlanned();

        Assert.False(actor.Dirty);
        Assert.True(actor.CommitPending);
        actor.Apply(E("b", new IdentifierLinked(Domain.IdentifierKind.Phone, "+44 20 7946 0200", Shared: false), 1), T0);
        actor.Journaled(7);

        Assert.True(actor.Dirty);
        Assert.True(actor.IdentifiersDirty);
        Assert.False(actor.CommitPending);
        Assert.Equal(7, actor.FirstUnsnapshotted);
    }

    [Fact]
    public void SnapshotTaken_KeepsChangesMadeAfterIt_ForTheNextCommit_WhenTheSnapshotCompletesLater()
    {
        var actor = NewActor();
        actor.Apply(E("a", new IdentifierLinked(Domain.IdentifierKind.Phone, "+44 20 7946 0201", Shared: false), 0), T0);
        actor.SnapshotTaken();

        Assert.False(actor.IdentifiersDirty);
        Assert.Equal(0, actor.EventsSinceSnapshot);
        actor.Apply(E("b", new IdentifierLinked(Domain.IdentifierKind.Card, "4111 1111 1111 1111", Shared: false), 1), T0);
        actor.Snapshotted(3, null);

        Assert.True(actor.Dirty);
        Assert.True(actor.IdentifiersDirty);
        Assert.Equal(1, actor.EventsSinceSnapshot);
        Assert.Equal(3, actor.SnapshotSequence);
        Assert.False(actor.CommitPending);
    }

    [Fact]
    public void Watcher_GetsCurrentStateThenEachChange_WithTheChangedSections()
    {
        var actor = NewActor();
        actor.Apply(E("a", new AttributesChanged { FullName = "Ada" }, 0), T0);
        var watcher = new ProfileWatcher(ProfileView.Card, capacity: 8);

        actor.AddWatcher(watcher, T0);
        actor.Apply(E("i", new InteractionRecorded { Topic = "fees" }, 1), T0);

        Assert.True(watcher.Updates.TryRead(out var initial));
        Assert.Empty(initial.Changed);
        Assert.True(watcher.Updates.TryRead(out var change));
        Assert.Equal("i", change.EventId);
        Assert.Contains(ProfileSection.Interactions, change.Changed);
        Assert.Equal(WatchEnd.Open, watcher.Ended);
    }

    [Fact]
    public void Watcher_IsCutOffAsTooSlow_WhenItsBufferOverflows_AndIngestionGoesOn()
    {
        var actor = NewActor();
        var slow = new ProfileWatcher(ProfileView.Card, capacity: 2);
        var fast = new ProfileWatcher(ProfileView.Card, capacity: 100);
        actor.AddWatcher(slow, T0);
        actor.AddWatcher(fast, T0);

        for (var i = 0; i < 5; i++)
        {
            actor.Apply(E($"i{i}", new InteractionRecorded { Topic = "t" }, i), T0);
        }

        Assert.Equal(WatchEnd.TooSlow, slow.Ended);
        Assert.Equal(WatchEnd.Open, fast.Ended);
        Assert.Equal(5, actor.Profile.TotalInteractions);
        Assert.Equal(6, fast.Updates.Count);
        Assert.True(actor.HasWatchers);
    }

    [Fact]
    public async Task OnDeactivated_EndsWatchesAsMoved()
    {
        var actor = NewActor();
        var watcher = new ProfileWatcher(ProfileView.Full, capacity: 4);
        actor.AddWatcher(watcher, T0);

        await using var table = new Actors.ActorTable<CustomerActor>((_, _, _) => ValueTask.FromResult(actor), new Actors.ActorTableOptions());
        await table.RunAsync("C-1", 0, static (_, _) => 0, TestContext.Current.CancellationToken);
        table.DeactivateWhere(_ => true);

        Assert.Equal(WatchEnd.Moved, watcher.Ended);
        Assert.True(watcher.Updates.Completion.IsCompleted || watcher.Updates.Count > 0);
    }
}
