using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class InteractionTests
{
    [Fact]
    public void Apply_AddsInteractionAndCounts_WhenInteractionRecorded()
    {
        var profile = NewProfile();

        var result = profile.Apply(Make("e1", Interaction("mortgage-rate", fcr: true) with { WaitingDuration = TimeSpan.FromMinutes(4) }, 0, Channel.BranchCounter));

        Assert.Equal(new ApplyResult(ApplyOutcome.Applied, ProfileSections.Interactions, null), result);
        var entry = Assert.Single(profile.Interactions);
        Assert.Equal("mortgage-rate", entry.Details.Topic);
        Assert.Equal(1, profile.TotalInteractions);
        Assert.Equal(1, profile.FirstContactResolved);
        var activity = Assert.Single(profile.ChannelActivity);
        Assert.Equal(Channel.BranchCounter, activity.Channel);
        Assert.Equal(TimeSpan.FromMinutes(4), activity.AverageWaiting);
        Assert.Null(activity.AverageHandling);
        Assert.Equal(1, profile.Revision);
    }

    [Fact]
    public void Apply_OrdersHistoryByOccurrence_WhenEventsArriveLate()
    {
        var profile = NewProfile().ApplyAll(
            Make("e3", Interaction("c"), 30),
            Make("e1", Interaction("a"), 10),
            Make("e2", Interaction("b"), 20));

        Assert.Equal(["e1", "e2", "e3"], profile.Interactions.Select(i => i.EventId));
    }

    [Fact]
    public void Apply_BreaksTimeTiesByEventId_WhenTwoInteractionsShareAnInstant()
    {
        var profile = NewProfile().ApplyAll(Make("b", Interaction(), 0), Make("a", Interaction(), 0));

        Assert.Equal(["a", "b"], profile.Interactions.Select(i => i.EventId));
    }

    [Fact]
    public void Apply_AppendsAfterTheNewest_WhenAnInteractionSharesItsInstantWithALaterId()
    {
        var profile = NewProfile().ApplyAll(Make("a", Interaction(), 0), Make("c", Interaction(), 0), Make("b", Interaction(), 0), Make("d", Interaction(), 0));

        Assert.Equal(["a", "b", "c", "d"], profile.Interactions.Select(i => i.EventId));
    }

    [Fact]
    public void Apply_ReturnsDuplicate_WhenTheNewestInteractionIsRedeliveredAfterLeavingTheDedupWindow()
    {
        var profile = NewProfile(new ProfileOptions { DeduplicationWindow = 1 });
        var newest = Make("e2", Interaction(), 5);
        profile.ApplyAll(Make("e1", Interaction(), 0), newest, Make("a1", new Domain.Events.AttributesChanged { PreferredName = "Ada" }, 6));

        Assert.Equal(ApplyOutcome.Duplicate, profile.Apply(newest).Outcome);
        Assert.Equal(["e1", "e2"], profile.Interactions.Select(i => i.EventId));
        Assert.Equal(2, profile.TotalInteractions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(250)]
    public void Prefetch_ChangesNothing_InAnyStep(int interactions)
    {
        var profile = NewProfile();
        for (var i = 0; i < interactions; i++)
        {
            profile.Apply(Make($"e{i}", Interaction(), i, (Channel)(1 + (i % 3))));
        }

        var before = ProfileDump.Of(profile, T0);
        foreach (var step in Enum.GetValues<PrefetchStep>())
        {
            profile.Prefetch(step);
        }

        Assert.Equal(before, ProfileDump.Of(profile, T0));
        Assert.Equal(interactions, profile.Revision);
        Assert.Equal(ApplyOutcome.Applied, profile.Apply(Make("next", Interaction(), interactions + 1)).Outcome);
    }

    [Fact]
    public void MemoryHintsPrefetch_ChangesNothing_ForAnyObjectArrayOrIndex()
    {
        var values = new long[] { 1, 2, 3 };
        var text = "unchanged";
        var profile = NewProfile().ApplyAll(Make("e1", Interaction(), 0));
        var before = ProfileDump.Of(profile, T0);

        MemoryHints.Prefetch(values, 0);
        MemoryHints.Prefetch(values, 3);
        MemoryHints.Prefetch(values, -1);
        MemoryHints.Prefetch<long>(null, 0);
        MemoryHints.Prefetch(text, 0);
        MemoryHints.Prefetch(text, 4096);
        MemoryHints.Prefetch(profile, 256);

        Assert.Equal([1L, 2L, 3L], values);
        Assert.Equal("unchanged", text);
        Assert.Equal(before, ProfileDump.Of(profile, T0));
    }

    [Fact]
    public void Apply_FoldsOldestIntoCounters_WhenHistoryIsFull()
    {
        var profile = NewProfile(new ProfileOptions { InteractionHistoryCapacity = 3 });
        for (var i = 5; i >= 1; i--)
        {
            profile.Apply(Make($"e{i}", Interaction(), i, (Channel)(1 + (i % 2))));
        }

        Assert.Equal(["e3", "e4", "e5"], profile.Interactions.Select(i => i.EventId));
        Assert.Equal(2, profile.FoldedInteractions);
        Assert.Equal(5, profile.TotalInteractions);
        Assert.Equal(5, profile.ChannelActivity.Sum(c => c.Interactions));
    }

    [Fact]
    public void Apply_ReturnsDuplicate_WhenSameEventIdAppliedAgain()
    {
        var profile = NewProfile();
        var e = Make("e1", Interaction(), 0);
        profile.Apply(e);

        var again = profile.Apply(e);

        Assert.Equal(ApplyOutcome.Duplicate, again.Outcome);
        Assert.Equal(1, profile.TotalInteractions);
        Assert.Equal(1, profile.Revision);
    }

    [Fact]
    public void Apply_ReturnsDuplicate_WhenEventLeftTheDedupWindowButIsStillInHistory()
    {
        var profile = NewProfile(new ProfileOptions { DeduplicationWindow = 1 });
        var first = Make("e1", Interaction(), 0);
        profile.ApplyAll(first, Make("e2", Interaction(), 1), Make("e3", Interaction(), 2));

        Assert.Equal(ApplyOutcome.Duplicate, profile.Apply(first).Outcome);
        Assert.Equal(3, profile.TotalInteractions);
    }

    [Fact]
    public void Apply_RemembersExactlyTheWindowsNewestEvents_WhenMoreArrive()
    {
        var profile = NewProfile(new ProfileOptions { DeduplicationWindow = 2 });
        var events = new[] { "a1", "a2", "a3" }.Select((id, i) => Make(id, new Domain.Events.AttributesChanged { PreferredName = id }, i)).ToArray();
        profile.ApplyAll(events);

        Assert.Equal(ApplyOutcome.Duplicate, profile.Apply(events[2]).Outcome);
        Assert.Equal(ApplyOutcome.Duplicate, profile.Apply(events[1]).Outcome);
        Assert.NotEqual(ApplyOutcome.Duplicate, profile.Apply(events[0]).Outcome);
    }

    [Theory]
    [InlineData(-1, null, "negative")]
    [InlineData(null, -5, "negative")]
    public void Apply_ReturnsInvalid_WhenDurationIsNegative(int? waitMinutes, int? handleMinutes, string reasonPart)
    {
        var profile = NewProfile();
        var interaction = Interaction() with
        {
            WaitingDuration = waitMinutes is { } w ? TimeSpan.FromMinutes(w) : null,
            HandlingDuration = handleMinutes is { } h ? TimeSpan.FromMinutes(h) : null,
        };

        var result = profile.Apply(Make("e1", interaction, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains(reasonPart, result.Reason, StringComparison.Ordinal);
        Assert.Empty(profile.Interactions);
        Assert.Equal(0, profile.Revision);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenTopicIsTooLong()
    {
        var result = NewProfile().Apply(Make("e1", Interaction(new string('x', 65)), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("topic", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenEventIsForAnotherCustomer()
    {
        var profile = NewProfile();
        var e = Make("e1", Interaction(), 0) with { CustomerId = Identity.CustomerId.Parse("C-2") };

        var result = profile.Apply(e);

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("C-2", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void Apply_ReturnsInvalid_WhenChannelIsUnknown(int channel)
    {
        var result = NewProfile().Apply(Make("e1", Interaction(), 0, (Channel)channel));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("channel", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactsInLast30Days_CountsPerChannelWithinWindow_WhenContactsSpanTwoMonths()
    {
        var profile = NewProfile();
        profile.Apply(Make("old", Interaction(), T0.AddDays(-40), Channel.CallCenter));
        profile.Apply(Make("edge", Interaction(), T0.AddDays(-30), Channel.CallCenter));
        profile.Apply(Make("in1", Interaction(), T0.AddDays(-29), Channel.CallCenter));
        profile.Apply(Make("in2", Interaction(), T0.AddDays(-1), Channel.MobileApp));
        profile.Apply(Make("in3", Interaction(), T0, Channel.MobileApp));

        var counts = profile.ContactsInLast30Days(T0);

        Assert.Equal(1, counts[(int)Channel.CallCenter]);
        Assert.Equal(2, counts[(int)Channel.MobileApp]);
        Assert.Equal(3, counts.Sum());
    }
}
