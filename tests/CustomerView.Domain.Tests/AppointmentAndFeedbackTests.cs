using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class AppointmentTests
{
    private static AppointmentBooked Booking(int hoursAhead = 2) => new("A1", T0.AddHours(hoursAhead), "BR-042", "mortgage advice");

    public static TheoryData<EventPayload[], AppointmentStatus> Lifecycles => new()
    {
        { [Booking()], AppointmentStatus.Booked },
        { [Booking(), new AppointmentCheckedIn("A1")], AppointmentStatus.CheckedIn },
        { [Booking(), new AppointmentCheckedIn("A1"), new AppointmentServed("A1", "rm-3")], AppointmentStatus.Served },
        { [Booking(), new AppointmentServed("A1", "")], AppointmentStatus.Served },
        { [Booking(), new AppointmentMissed("A1")], AppointmentStatus.Missed },
        { [Booking(), new AppointmentCancelled("A1", "sick")], AppointmentStatus.Cancelled },
    };

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public void Apply_ReachesStatus_WhenLifecycleIsLegal(EventPayload[] payloads, AppointmentStatus expected)
    {
        var profile = NewProfile();
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(ApplyOutcome.Applied, profile.Apply(Make($"e{i}", payloads[i], i)).Outcome);
        }

        Assert.Equal(expected, profile.FindAppointment("A1")!.Status);
    }

    [Fact]
    public void Apply_Reschedules_WhenBookedAgainWhileBooked()
    {
        var profile = NewProfile().ApplyAll(Make("a", Booking(), 0), Make("b", Booking(hoursAhead: 26), 1));

        Assert.Equal(T0.AddHours(26), profile.FindAppointment("A1")!.ScheduledAt);
    }

    [Fact]
    public void Apply_Rejects_WhenMissedAfterServed()
    {
        var profile = NewProfile().ApplyAll(Make("a", Booking(), 0), Make("b", new AppointmentServed("A1", "x"), 1));

        var result = profile.Apply(Make("c", new AppointmentMissed("A1"), 2));

        Assert.Equal(ApplyOutcome.Rejected, result.Outcome);
        Assert.Equal(AppointmentStatus.Served, profile.FindAppointment("A1")!.Status);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenBookingHasNoTime()
    {
        var result = NewProfile().Apply(Make("a", new AppointmentBooked("A1", default, "BR-1", "x"), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
    }
}

public sealed class FeedbackTests
{
    [Fact]
    public void Apply_AveragesSatisfactionAndScoresNps_WhenFeedbackGiven()
    {
        var profile = NewProfile().ApplyAll(
            Make("f1", new FeedbackGiven { Satisfaction = 5, Nps = 10 }, 0),
            Make("f2", new FeedbackGiven { Satisfaction = 2, Nps = 3 }, 1),
            Make("f3", new FeedbackGiven { Nps = 8, Comment = "ok" }, 2));

        Assert.Equal(3, profile.FeedbackCount);
        Assert.Equal(7, profile.SatisfactionSum);
        Assert.Equal(2, profile.SatisfactionCount);
        Assert.Equal(1, profile.Promoters);
        Assert.Equal(1, profile.Detractors);
        Assert.Equal(3, profile.NpsCount);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(null, 11)]
    [InlineData(null, -1)]
    [InlineData(null, null)]
    public void Apply_ReturnsInvalid_WhenScoresAreOutOfRangeOrMissing(int? satisfaction, int? nps)
    {
        var result = NewProfile().Apply(Make("f", new FeedbackGiven { Satisfaction = satisfaction, Nps = nps }, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public void Apply_KeepsNewestFeedback_WhenCapacityIsExceeded()
    {
        var profile = NewProfile(new ProfileOptions { FeedbackHistoryCapacity = 2 });
        profile.ApplyAll(
            Make("f3", new FeedbackGiven { Satisfaction = 3 }, 3),
            Make("f1", new FeedbackGiven { Satisfaction = 1 }, 1),
            Make("f2", new FeedbackGiven { Satisfaction = 2 }, 2));

        Assert.Equal(["f2", "f3"], profile.Feedback.Select(f => f.EventId));
        Assert.Equal(6, profile.SatisfactionSum);
    }
}
