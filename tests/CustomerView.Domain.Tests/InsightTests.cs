using CustomerView.Domain.Events;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class InsightTests
{
    private static IReadOnlyList<Alert> AlertsAt(CustomerProfile profile, DateTimeOffset now) => ProfileInsights.Evaluate(profile, now).Alerts;

    [Fact]
    public void Evaluate_RaisesComplaintDueSoonThenOverdue_AsTheDeadlineNears()
    {
        var profile = NewProfile().ApplyAll(Make("f", new ComplaintFiled("K1", "fees", ComplaintSeverity.High, "x"), 0));

        Assert.DoesNotContain(AlertsAt(profile, T0.AddDays(10)), a => a.SubjectId == "K1");
        Assert.Contains(AlertsAt(profile, T0.AddDays(14.5)), a => a is { Kind: AlertKind.ComplaintDueSoon, SubjectId: "K1" });
        var overdue = Assert.Single(AlertsAt(profile, T0.AddDays(16)), a => a.SubjectId == "K1");
        Assert.Equal(AlertKind.ComplaintOverdue, overdue.Kind);
        Assert.Equal(AlertSeverity.Critical, overdue.Severity);
    }

    [Fact]
    public void Evaluate_RaisesNoComplaintAlert_WhenComplaintIsResolved()
    {
        var profile = NewProfile().ApplyAll(
            Make("f", new ComplaintFiled("K1", "fees", ComplaintSeverity.High, "x"), 0),
            Make("r", new ComplaintResolved("K1", "refund"), 10));

        Assert.Empty(AlertsAt(profile, T0.AddDays(20)));
    }

    [Fact]
    public void Evaluate_RaisesWaitingOnCustomer_WhenTaskWaitsLongerThanThreshold()
    {
        var profile = NewProfile().ApplyAll(
            Make("s", new TaskStarted("T1", TaskKind.DocumentSubmission, "ID copy"), 0),
            Make("w", new TaskWaiting("T1", WaitingParty.Customer, "bring ID to branch"), 0));

        Assert.DoesNotContain(AlertsAt(profile, T0.AddDays(2)), a => a.Kind == AlertKind.TaskWaitingOnCustomer);
        var alert = Assert.Single(AlertsAt(profile, T0.AddDays(3)), a => a.Kind == AlertKind.TaskWaitingOnCustomer);
        Assert.Contains("bring ID to branch", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RaisesTaskOverdue_WhenDueTimePassed()
    {
        var profile = NewProfile().ApplyAll(Make("s", new TaskStarted("T1", TaskKind.Callback, "Call back") { DueAt = T0.AddHours(4) }, 0));

        Assert.DoesNotContain(AlertsAt(profile, T0.AddHours(3)), a => a.Kind == AlertKind.TaskOverdue);
        Assert.Contains(AlertsAt(profile, T0.AddHours(5)), a => a.Kind == AlertKind.TaskOverdue);
    }

    [Fact]
    public void Evaluate_RaisesAppointmentToday_OnlyOnTheBusinessDay()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var profile = NewProfile(new ProfileOptions { BusinessTimeZone = zone });
        var scheduled = new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
        profile.Apply(Make("b", new AppointmentBooked("A1", scheduled, "BR-1", "advice"), 0));

        Assert.DoesNotContain(AlertsAt(profile, new DateTimeOffset(2026, 3, 2, 15, 59, 0, TimeSpan.Zero)), a => a.Kind == AlertKind.AppointmentToday);
        Assert.Contains(AlertsAt(profile, new DateTimeOffset(2026, 3, 2, 16, 1, 0, TimeSpan.Zero)), a => a.Kind == AlertKind.AppointmentToday);
    }

    [Theory]
    [InlineData("1990-03-02", "2026-03-02", true)]
    [InlineData("1990-03-01", "2026-03-02", false)]
    [InlineData("2000-02-29", "2027-02-28", true)]
    [InlineData("2000-02-29", "2028-02-28", false)]
    public void Evaluate_RaisesBirthday_OnTheCustomersBirthday(string dob, string today, bool expected)
    {
        var profile = NewProfile().ApplyAll(Make("a", new AttributesChanged { DateOfBirth = DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture) }, 0));
        var now = new DateTimeOffset(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        Assert.Equal(expected, AlertsAt(profile, now).Any(a => a.Kind == AlertKind.BirthdayToday));
    }

    [Fact]
    public void Evaluate_RaisesNeedsAssistance_WhenAccessibilityNeedsAreSet()
    {
        var profile = NewProfile().ApplyAll(Make("a", new AttributesChanged { Accessibility = new([AccessibilityNeed.LanguageInterpreter], "Cantonese") }, 0));

        var alert = Assert.Single(AlertsAt(profile, T0), a => a.Kind == AlertKind.NeedsAssistance);
        Assert.Contains("language interpreter", alert.Message, StringComparison.Ordinal);
        Assert.Contains("Cantonese", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RaisesRepeatedContacts_WhenThresholdReachedWithinWindow()
    {
        var profile = NewProfile().ApplyAll(
            Make("a", Interaction("card-declined"), T0.AddDays(-8)),
            Make("b", Interaction("card-declined"), T0.AddDays(-2)),
            Make("c", Interaction("Card-Declined"), T0.AddDays(-1)),
            Make("d", Interaction("mortgage"), T0));
        Assert.DoesNotContain(AlertsAt(profile, T0), a => a.Kind == AlertKind.RepeatedContacts);

        profile.Apply(Make("e", Interaction("card-declined"), T0));

        var alert = Assert.Single(AlertsAt(profile, T0), a => a.Kind == AlertKind.RepeatedContacts);
        Assert.Equal("card-declined", alert.SubjectId, ignoreCase: true);
    }

    [Fact]
    public void Evaluate_ComputesFigures_FromAllInteractionsAndFeedback()
    {
        var profile = NewProfile(new ProfileOptions { InteractionHistoryCapacity = 1 }).ApplyAll(
            Make("a", Interaction(fcr: true), 0, Channel.CallCenter),
            Make("b", Interaction(fcr: false), 1, Channel.CallCenter),
            Make("c", Interaction(fcr: true), 2, Channel.MobileApp),
            Make("d", Interaction(), 3, Channel.MobileApp),
            Make("f", new FeedbackGiven { Satisfaction = 4, Nps = 9 }, 4),
            Make("g", new FeedbackGiven { Satisfaction = 3, Nps = 5 }, 5));

        var figures = ProfileInsights.Evaluate(profile, T0.AddDays(1)).Figures;

        Assert.Equal(4, figures.TotalInteractions);
        Assert.Equal(2.0 / 3.0, figures.FirstContactResolutionRate!.Value, 6);
        Assert.Equal(3.5, figures.AverageSatisfaction);
        Assert.Equal(0.0, figures.NetPromoterScore);
        Assert.Equal(2, figures.ContactsLast30Days[(int)Channel.CallCenter]);
        Assert.Equal(2, figures.ContactsLast30Days[(int)Channel.MobileApp]);
    }

    [Fact]
    public void Evaluate_LeavesRatesUnset_WhenNothingWasMeasured()
    {
        var figures = ProfileInsights.Evaluate(NewProfile(), T0).Figures;

        Assert.Null(figures.FirstContactResolutionRate);
        Assert.Null(figures.AverageSatisfaction);
        Assert.Null(figures.NetPromoterScore);
    }

    [Fact]
    public void NextWakeUp_ReturnsEarliestPendingDeadline_WhenSeveralArePending()
    {
        var profile = NewProfile().ApplyAll(
            Make("f", new ComplaintFiled("K1", "fees", ComplaintSeverity.High, "x"), 0),
            Make("s", new TaskStarted("T1", TaskKind.Callback, "Call back") { DueAt = T0.AddDays(20) }, 0));

        Assert.Equal(T0.AddDays(14), profile.NextWakeUp(T0));
        Assert.Equal(T0.AddDays(15), profile.NextWakeUp(T0.AddDays(14)));
        Assert.Equal(T0.AddDays(20), profile.NextWakeUp(T0.AddDays(15)));
        Assert.Null(profile.NextWakeUp(T0.AddDays(21)));
    }

    [Fact]
    public void NextWakeUp_WakesWhenABirthdayOrAppointmentDayStartsAndEnds_NotEveryMidnight()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var profile = NewProfile(new ProfileOptions { BusinessTimeZone = zone }).ApplyAll(
            Make("a", new AttributesChanged { DateOfBirth = new DateOnly(1990, 3, 10) }, 0),
            Make("b", new AppointmentBooked("A1", new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), "BR-1", "advice"), 0));
        DateTimeOffset Midnight(int month, int day, int year = 2026) => new(year, month, day, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(Midnight(3, 5), profile.NextWakeUp(T0));
        Assert.Equal(Midnight(3, 6), profile.NextWakeUp(Midnight(3, 5).AddHours(1)));
        Assert.Equal(Midnight(3, 10), profile.NextWakeUp(Midnight(3, 6).AddHours(1)));
        Assert.Equal(Midnight(3, 11), profile.NextWakeUp(Midnight(3, 10).AddHours(23)));
        Assert.Equal(Midnight(3, 10, 2027), profile.NextWakeUp(Midnight(3, 11)));
    }

    [Fact]
    public void NextWakeUp_ComesNoLaterThanAnyChangeOfDayAlerts_OverTwoYears()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var profile = NewProfile(new ProfileOptions { BusinessTimeZone = zone }).ApplyAll(
            Make("a", new AttributesChanged { DateOfBirth = new DateOnly(2000, 2, 29) }, 0),
            Make("b", new AppointmentBooked("A1", T0.AddDays(40).AddHours(3), "BR-1", "advice"), 0),
            Make("c", new AppointmentBooked("A2", T0.AddDays(400), "BR-2", "loan"), 0));
        static string DayAlerts(IReadOnlyList<Alert> alerts) =>
            string.Join(",", alerts.Where(a => a.Kind is AlertKind.BirthdayToday or AlertKind.AppointmentToday).Select(a => a.Kind + a.SubjectId));

        var changes = 0;
        for (var at = T0; at < T0.AddDays(730); at = at.AddHours(1))
        {
            if (DayAlerts(AlertsAt(profile, at)) != DayAlerts(AlertsAt(profile, at.AddHours(1))))
            {
                changes++;
                var wake = profile.NextWakeUp(at);
                Assert.True(wake is { } w && w > at && w <= at.AddHours(1), $"day alerts change between {at:O} and one hour later, but the wake-up is {wake:O}");
            }
        }

        Assert.Equal(8, changes);
    }
}
