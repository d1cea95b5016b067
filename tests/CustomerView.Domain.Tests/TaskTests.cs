using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class TaskTests
{
    private static TaskStarted Loan(string id = "T1") =>
        new(id, TaskKind.LoanApplication, "Home loan") { NextAction = "upload payslips", ExpiresAt = T0.AddDays(30) };

    [Fact]
    public void Apply_TracksLoanAcrossChannels_WhenStartedInAppAndHandedOffToBranch()
    {
        var profile = NewProfile().ApplyAll(
            Make("e1", Loan(), 0, Channel.MobileApp),
            Make("e2", new TaskStepCompleted("T1", "payslips uploaded") { NextAction = "credit check" }, 10, Channel.MobileApp),
            Make("e3", new TaskHandedOff("T1", Channel.BranchCounter, "sign loan agreement at branch") { DueAt = T0.AddDays(7) }, 20, Channel.OnlineBanking));

        var task = Assert.Single(profile.Tasks);
        Assert.Equal(TaskStatus.InProgress, task.Status);
        Assert.Equal(Channel.MobileApp, task.StartedIn);
        Assert.Equal(Channel.BranchCounter, task.CurrentChannel);
        Assert.Equal("sign loan agreement at branch", task.NextAction);
        Assert.Equal(T0.AddDays(7), task.DueAt);
        Assert.Equal(3, task.History.Count);
    }

    public static TheoryData<string, EventPayload, TaskStatus> Transitions => new()
    {
        { "step", new TaskStepCompleted("T1", "x"), TaskStatus.InProgress },
        { "handoff", new TaskHandedOff("T1", Channel.CallCenter, "call back"), TaskStatus.InProgress },
        { "wait-customer", new TaskWaiting("T1", WaitingParty.Customer, "documents"), TaskStatus.WaitingOnCustomer },
        { "wait-bank", new TaskWaiting("T1", WaitingParty.Bank, "underwriting"), TaskStatus.WaitingOnBank },
        { "complete", new TaskCompleted("T1", "approved"), TaskStatus.Completed },
        { "cancel", new TaskCancelled("T1", "customer withdrew"), TaskStatus.Cancelled },
        { "expire", new TaskExpired("T1"), TaskStatus.Expired },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Apply_MovesTaskToExpectedStatus_WhenTransitionIsLegal(string name, EventPayload transition, TaskStatus expected)
    {
        var profile = NewProfile().ApplyAll(Make("start", Loan(), 0));

        var result = profile.Apply(Make(name, transition, 5));

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(expected, profile.FindTask("T1")!.Status);
    }

    [Theory]
    [InlineData(TaskStatus.Completed)]
    [InlineData(TaskStatus.Cancelled)]
    [InlineData(TaskStatus.Expired)]
    public void Apply_RecordsRejection_WhenCompletingAClosedTask(TaskStatus closedAs)
    {
        EventPayload close = closedAs switch
        {
            TaskStatus.Completed => new TaskCompleted("T1", "done"),
            TaskStatus.Cancelled => new TaskCancelled("T1", "withdrawn"),
            _ => new TaskExpired("T1"),
        };
        var profile = NewProfile().ApplyAll(Make("start", Loan(), 0), Make("close", close, 5));

        var result = profile.Apply(Make("late-complete", new TaskCompleted("T1", "approved"), 10));

        Assert.Equal(ApplyOutcome.Rejected, result.Outcome);
        Assert.Contains("not allowed", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Changed.HasFlag(ProfileSections.Rejections));
        Assert.Equal(closedAs, profile.FindTask("T1")!.Status);
        var rejected = Assert.Single(profile.RejectedEvents);
        Assert.Equal("late-complete", rejected.EventId);
        Assert.Equal("T1", rejected.SubjectId);
    }

    [Fact]
    public void Apply_ReachesSameState_WhenCompletionArrivesBeforeStart()
    {
        var inOrder = NewProfile().ApplyAll(Make("a", Loan(), 0), Make("b", new TaskCompleted("T1", "ok"), 5));
        var reversed = NewProfile();

        var first = reversed.Apply(Make("b", new TaskCompleted("T1", "ok"), 5));
        Assert.Equal(ApplyOutcome.Applied, first.Outcome);
        Assert.Equal(TaskStatus.Completed, reversed.FindTask("T1")!.Status);
        reversed.Apply(Make("a", Loan(), 0));

        Assert.Equal(ProfileDump.Of(inOrder), ProfileDump.Of(reversed));
    }

    [Fact]
    public void Apply_ShowsUnknownStart_WhenOnlyAStepWasSeen()
    {
        var profile = NewProfile().ApplyAll(Make("s", new TaskStepCompleted("T9", "signed"), 0, Channel.BranchCounter));

        var task = profile.FindTask("T9")!;
        Assert.Equal(TaskStatus.UnknownStart, task.Status);
        Assert.Equal(Channel.BranchCounter, task.StartedIn);
        Assert.True(task.IsOpen);
    }

    [Fact]
    public void Apply_RejectsSecondStart_WhenTaskStartedTwice()
    {
        var profile = NewProfile().ApplyAll(Make("a", Loan(), 0));

        var result = profile.Apply(Make("b", Loan(), 5));

        Assert.Equal(ApplyOutcome.Rejected, result.Outcome);
        Assert.Contains("already started", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SetsWaitingSinceOnce_WhenWaitingOnCustomerRepeats()
    {
        var profile = NewProfile().ApplyAll(
            Make("a", Loan(), 0),
            Make("b", new TaskWaiting("T1", WaitingParty.Customer, "payslips"), 10),
            Make("c", new TaskWaiting("T1", WaitingParty.Customer, "still payslips"), 20));

        Assert.Equal(T0.AddMinutes(10), profile.FindTask("T1")!.WaitingSince);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void Apply_ReturnsInvalid_WhenTaskIdIsMalformed(string taskId)
    {
        var result = NewProfile().Apply(Make("a", new TaskCompleted(taskId, "x"), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("task id", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenTaskKindIsUnspecified()
    {
        var result = NewProfile().Apply(Make("a", new TaskStarted("T1", TaskKind.Unspecified, "x"), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public void Apply_RetiresOldestClosedTasks_WhenRetentionIsExceeded()
    {
        var profile = NewProfile(new ProfileOptions { ClosedItemsRetained = 2 });
        for (var i = 0; i < 4; i++)
        {
            profile.Apply(Make($"s{i}", Loan($"T{i}"), i * 10));
            profile.Apply(Make($"c{i}", new TaskCompleted($"T{i}", "ok"), (i * 10) + 1));
        }

        profile.Apply(Make("open", Loan("T-open"), 100));

        Assert.Equal(["T-open", "T2", "T3"], profile.Tasks.Select(t => t.Id));
        Assert.Equal(2, profile.RetiredTasks);
    }

    [Fact]
    public void DueEvents_ExpiresOpenTask_WhenExpiryHasPassed()
    {
        var profile = NewProfile().ApplyAll(Make("a", Loan(), 0));
        Assert.Empty(profile.DueEvents(T0.AddDays(29)));

        var due = Assert.Single(profile.DueEvents(T0.AddDays(31)));
        var result = profile.Apply(due);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(TaskStatus.Expired, profile.FindTask("T1")!.Status);
        Assert.Empty(profile.DueEvents(T0.AddDays(32)));
        Assert.Equal(ApplyOutcome.Duplicate, profile.Apply(due).Outcome);
    }

    [Fact]
    public void Apply_AcceptsCompletionBeforeExpiry_WhenItArrivesAfterTheClockExpiredTheTask()
    {
        var profile = NewProfile().ApplyAll(Make("a", Loan(), 0));
        profile.Apply(Assert.Single(profile.DueEvents(T0.AddDays(31))));

        var late = profile.Apply(Make("done", new TaskCompleted("T1", "signed"), T0.AddDays(29)));

        Assert.Equal(ApplyOutcome.Applied, late.Outcome);
        var task = profile.FindTask("T1")!;
        Assert.Equal(TaskStatus.Completed, task.Status);
        Assert.Contains(task.History, s => s.Description == "expired" && s.Rejected);
    }
}
