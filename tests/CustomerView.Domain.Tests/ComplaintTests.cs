using CustomerView.Domain.Events;
using CustomerView.Domain.Lifecycles;
using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class ComplaintTests
{
    private static ComplaintFiled Filed(string category = "fees", ComplaintSeverity severity = ComplaintSeverity.Medium) =>
        new("K1", category, severity, "charged twice");

    [Fact]
    public void Apply_SetsFifteenDayDeadline_WhenFiledUnderDefaultPolicy()
    {
        var profile = NewProfile().ApplyAll(Make("f", Filed(), 0, Channel.CallCenter));

        var complaint = profile.FindComplaint("K1")!;
        Assert.Equal(ComplaintStatus.Filed, complaint.Status);
        Assert.Equal(T0.AddDays(15), complaint.DueAt);
        Assert.Equal(Channel.CallCenter, complaint.FiledIn);
    }

    [Fact]
    public void Apply_FollowsFullLifecycle_WhenEscalatedResolvedAndConfirmed()
    {
        var profile = NewProfile().ApplyAll(
            Make("f", Filed(), 0),
            Make("a", new ComplaintAcknowledged("K1", "agent-7"), 10),
            Make("e", new ComplaintEscalated("K1", "fees-team", "refund over limit"), 20),
            Make("r", new ComplaintResolved("K1", "refunded"), 30));
        Assert.Equal(ComplaintStatus.Resolved, profile.FindComplaint("K1")!.Status);
        Assert.False(profile.FindComplaint("K1")!.IsOpen);

        profile.Apply(Make("c", new ComplaintConfirmed("K1"), 40));

        var complaint = profile.FindComplaint("K1")!;
        Assert.Equal(ComplaintStatus.Confirmed, complaint.Status);
        Assert.Equal("agent-7", complaint.HandlerId);
        Assert.Equal(1, complaint.Escalations);
        Assert.Equal(ComplaintClockState.ResolvedOnTime, complaint.ClockAt(T0.AddDays(100), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Apply_ReopensResolvedComplaint_WhenCustomerReopens()
    {
        var profile = NewProfile().ApplyAll(
            Make("f", Filed(), 0),
            Make("r", new ComplaintResolved("K1", "refunded"), 30),
            Make("o", new ComplaintReopened("K1", "refund never arrived"), 60));

        var complaint = profile.FindComplaint("K1")!;
        Assert.Equal(ComplaintStatus.Reopened, complaint.Status);
        Assert.True(complaint.IsOpen);
        Assert.Null(complaint.ResolvedAt);
        Assert.Equal(1, complaint.ReopenCount);
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("reopen")]
    public void Apply_Rejects_WhenConfirmingOrReopeningAnUnresolvedComplaint(string action)
    {
        var profile = NewProfile().ApplyAll(Make("f", Filed(), 0));
        EventPayload payload = action == "confirm" ? new ComplaintConfirmed("K1") : new ComplaintReopened("K1", "x");

        var result = profile.Apply(Make("x", payload, 5));

        Assert.Equal(ApplyOutcome.Rejected, result.Outcome);
        Assert.Contains("only a resolved complaint", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ExtendsToThirtyThenSixtyDays_WhenSecondExtensionIsApproved()
    {
        var profile = NewProfile().ApplyAll(Make("f", Filed(), 0), Make("x1", new ComplaintDeadlineExtended("K1", "awaiting merchant", ""), 5));
        Assert.Equal(T0.AddDays(30), profile.FindComplaint("K1")!.DueAt);

        var unapproved = profile.Apply(Make("x2", new ComplaintDeadlineExtended("K1", "still waiting", ""), 6));
        Assert.Equal(ApplyOutcome.Rejected, unapproved.Outcome);
        Assert.Contains("approver", unapproved.Reason, StringComparison.Ordinal);

        profile.Apply(Make("x3", new ComplaintDeadlineExtended("K1", "still waiting", "head-of-complaints"), 7));
        Assert.Equal(T0.AddDays(60), profile.FindComplaint("K1")!.DueAt);

        var third = profile.Apply(Make("x4", new ComplaintDeadlineExtended("K1", "again", "ceo"), 8));
        Assert.Equal(ApplyOutcome.Rejected, third.Outcome);
        Assert.Equal(2, profile.FindComplaint("K1")!.Extensions);
    }

    [Fact]
    public void Apply_UsesMostSpecificRule_WhenPolicyHasCategoryAndSeverityRules()
    {
        var policy = new ComplaintPolicy(
        [
            new ComplaintRule("fees", null, TimeSpan.FromDays(10), TimeSpan.FromDays(20), TimeSpan.FromDays(10)),
            new ComplaintRule("fees", ComplaintSeverity.Critical, TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.Zero),
            new ComplaintRule(null, ComplaintSeverity.Critical, TimeSpan.FromDays(5), TimeSpan.FromDays(10), TimeSpan.Zero),
        ]);
        var profile = NewProfile(new ProfileOptions { Complaints = policy }).ApplyAll(
            Make("a", new ComplaintFiled("K1", "FEES", ComplaintSeverity.Critical, "x"), 0),
            Make("b", new ComplaintFiled("K2", "fees", ComplaintSeverity.Low, "x"), 0),
            Make("c", new ComplaintFiled("K3", "card", ComplaintSeverity.Critical, "x"), 0),
            Make("d", new ComplaintFiled("K4", "card", ComplaintSeverity.Low, "x"), 0));

        Assert.Equal(T0.AddDays(3), profile.FindComplaint("K1")!.DueAt);
        Assert.Equal(T0.AddDays(10), profile.FindComplaint("K2")!.DueAt);
        Assert.Equal(T0.AddDays(5), profile.FindComplaint("K3")!.DueAt);
        Assert.Equal(T0.AddDays(15), profile.FindComplaint("K4")!.DueAt);
    }

    [Fact]
    public void ComplaintPolicy_Throws_WhenExtendedPeriodIsShorterThanReplyPeriod()
    {
        Assert.Throws<ArgumentException>(() => new ComplaintPolicy([new ComplaintRule(null, null, TimeSpan.FromDays(10), TimeSpan.FromDays(5), TimeSpan.Zero)]));
    }

    [Theory]
    [InlineData(1, ComplaintClockState.OnTime)]
    [InlineData(14.5, ComplaintClockState.DueSoon)]
    [InlineData(15.01, ComplaintClockState.Overdue)]
    public void ClockAt_ReportsState_ForAnyInstant(double daysAfterFiling, ComplaintClockState expected)
    {
        var profile = NewProfile().ApplyAll(Make("f", Filed(), 0));

        Assert.Equal(expected, profile.FindComplaint("K1")!.ClockAt(T0.AddDays(daysAfterFiling), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void ClockAt_ReportsResolvedLate_WhenResolvedAfterDeadline()
    {
        var profile = NewProfile().ApplyAll(Make("f", Filed(), 0), Make("r", new ComplaintResolved("K1", "x"), T0.AddDays(16)));

        Assert.Equal(ComplaintClockState.ResolvedLate, profile.FindComplaint("K1")!.ClockAt(T0.AddDays(17), TimeSpan.FromDays(1)));
    }

    [Theory]
    [InlineData("", ComplaintSeverity.Low, "category")]
    [InlineData("fees", ComplaintSeverity.Unspecified, "severity")]
    public void Apply_ReturnsInvalid_WhenFilingLacksCategoryOrSeverity(string category, ComplaintSeverity severity, string reasonPart)
    {
        var result = NewProfile().Apply(Make("f", new ComplaintFiled("K1", category, severity, "x"), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains(reasonPart, result.Reason, StringComparison.Ordinal);
    }
}
