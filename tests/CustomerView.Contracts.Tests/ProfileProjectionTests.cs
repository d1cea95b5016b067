using CustomerView.Contracts.Profiles;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using Google.Protobuf.WellKnownTypes;
using static CustomerView.Contracts.Tests.ProfileFixture;

namespace CustomerView.Contracts.Tests;

public sealed class ProfileProjectionTests
{
    private static string[] InteractionIds(V1.CustomerProfile profile) => [.. profile.RecentInteractions.Select(i => i.EventId)];

    private static ProfileFixture WithInteractions(int count)
    {
        var fixture = new ProfileFixture();
        for (var i = 0; i < count; i++)
        {
            fixture.Interaction(Now.AddHours(-count + i));
        }

        return fixture;
    }

    [Fact]
    public void Project_HoldsThreeNewestInteractionsNewestFirst_WhenCardAndFiveRecorded()
    {
        var card = WithInteractions(5).Project(V1.ProfileView.Card);

        Assert.Equal(["e-005", "e-004", "e-003"], InteractionIds(card));
    }

    [Fact]
    public void Project_HoldsTwentyNewestInteractionsNewestFirst_WhenStandardAndTwentyFiveRecorded()
    {
        var standard = WithInteractions(25).Project(V1.ProfileView.Standard);

        var ids = InteractionIds(standard);
        Assert.Equal(20, ids.Length);
        Assert.Equal("e-025", ids[0]);
        Assert.Equal("e-006", ids[^1]);
    }

    [Fact]
    public void Project_HoldsWholeHistoryNewestFirst_WhenFullAndTwentyFiveRecorded()
    {
        var full = WithInteractions(25).Project(V1.ProfileView.Full);

        var ids = InteractionIds(full);
        Assert.Equal(25, ids.Length);
        Assert.Equal("e-025", ids[0]);
        Assert.Equal("e-001", ids[^1]);
    }

    [Theory]
    [InlineData(V1.ProfileView.Unspecified)]
    [InlineData((V1.ProfileView)9)]
    public void Project_ServesStandard_WhenViewIsUnspecifiedOrUnknown(V1.ProfileView view)
    {
        var fixture = WithInteractions(22);
        fixture.Apply(new FeedbackGiven { Satisfaction = 3 }, Now.AddMinutes(-5));

        Assert.Equal(V1.ProfileView.Standard, ProfileProjection.ResolveView(view));
        Assert.Equal(fixture.Project(V1.ProfileView.Standard), fixture.Project(view));
    }

    [Fact]
    public void Project_ListsRejectedEventsOnlyInFull_WhenProfileRejectedOne()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new TaskStarted("T-1", TaskKind.Callback, "call back"), Now.AddHours(-3));
        fixture.Apply(new TaskCompleted("T-1", "called"), Now.AddHours(-2));
        var rejectedId = fixture.Apply(new TaskCancelled("T-1", "no longer needed"), Now.AddHours(-1), expected: ApplyOutcome.Rejected);

        var card = fixture.Project(V1.ProfileView.Card);
        var standard = fixture.Project(V1.ProfileView.Standard);
        var full = fixture.Project(V1.ProfileView.Full);

        Assert.Empty(card.RejectedEvents);
        Assert.Empty(standard.RejectedEvents);
        var rejected = Assert.Single(full.RejectedEvents);
        Assert.Equal(rejectedId, rejected.EventId);
        Assert.Equal("T-1", rejected.SubjectId);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddHours(-1)), rejected.OccurredAt);
        Assert.Contains("task_cancelled is not allowed", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_HoldsOnlyOpenTasksAndComplaints_WhenCard()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new TaskStarted("T-done", TaskKind.CardReplacement, "new card"), Now.AddDays(-2));
        fixture.Apply(new TaskCompleted("T-done", "sent"), Now.AddDays(-1));
        fixture.Apply(new TaskStarted("T-open", TaskKind.LoanApplication, "loan"), Now.AddDays(-1));
        fixture.Apply(new ComplaintFiled("C-open", "fees", ComplaintSeverity.Low, "fee"), Now.AddDays(-3));
        fixture.Apply(new ComplaintFiled("C-resolved", "card", ComplaintSeverity.Medium, "declined"), Now.AddDays(-3));
        fixture.Apply(new ComplaintResolved("C-resolved", "explained"), Now.AddDays(-1));

        var card = fixture.Project(V1.ProfileView.Card);
        var standard = fixture.Project(V1.ProfileView.Standard);

        Assert.Equal(["T-open"], card.Tasks.Select(t => t.TaskId));
        Assert.Equal(["C-open"], card.Complaints.Select(c => c.ComplaintId));
        Assert.Equal(["T-done", "T-open"], standard.Tasks.Select(t => t.TaskId));
        Assert.Equal(["C-open", "C-resolved"], standard.Complaints.Select(c => c.ComplaintId));
        Assert.Equal(1, card.Figures.OpenTasks);
        Assert.Equal(1, card.Figures.OpenComplaints);
    }

    [Fact]
    public void Project_HoldsOnlyTodaysAndUpcomingOpenAppointments_WhenCard()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new AppointmentBooked("A-past", Now.AddDays(-2), "BR-1", "advice"), Now.AddDays(-5));
        fixture.Apply(new AppointmentBooked("A-earlier-today", Now.AddHours(-2), "BR-1", "advice"), Now.AddDays(-5));
        fixture.Apply(new AppointmentBooked("A-tomorrow", Now.AddDays(1), "video", "review"), Now.AddDays(-1));
        fixture.Apply(new AppointmentBooked("A-cancelled", Now.AddDays(3), "BR-2", "advice"), Now.AddDays(-1));
        fixture.Apply(new AppointmentCancelled("A-cancelled", "sick"), Now.AddHours(-1));
        fixture.Apply(new AppointmentServed("A-served", "rm-1"), Now.AddHours(-1));

        var card = fixture.Project(V1.ProfileView.Card);
        var standard = fixture.Project(V1.ProfileView.Standard);

        Assert.Equal(["A-earlier-today", "A-tomorrow"], card.Appointments.Select(a => a.AppointmentId));
        Assert.Equal(["A-cancelled", "A-earlier-today", "A-past", "A-served", "A-tomorrow"], standard.Appointments.Select(a => a.AppointmentId));
        var tomorrow = card.Appointments[1];
        Assert.Equal(V1.AppointmentStatus.Booked, tomorrow.Status);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddDays(1)), tomorrow.ScheduledAt);
        Assert.Equal("video", tomorrow.Location);
        Assert.Equal(V1.Channel.MobileApp, tomorrow.BookedIn);
        var served = standard.Appointments[3];
        Assert.Equal(V1.AppointmentStatus.Served, served.Status);
        Assert.Null(served.ScheduledAt);
    }

    [Fact]
    public void Project_OmitsFeedbackAndChannelActivity_WhenCard()
    {
        var fixture = new ProfileFixture();
        fixture.Interaction(Now.AddHours(-2));
        fixture.Apply(new FeedbackGiven { Satisfaction = 5, Comment = "first" }, Now.AddHours(-2));
        fixture.Apply(new FeedbackGiven { Nps = 9, Comment = "second" }, Now.AddHours(-1));

        var card = fixture.Project(V1.ProfileView.Card);
        var standard = fixture.Project(V1.ProfileView.Standard);

        Assert.Empty(card.RecentFeedback);
        Assert.Empty(card.ChannelActivity);
        Assert.Equal(["second", "first"], standard.RecentFeedback.Select(f => f.Comment));
        Assert.False(standard.RecentFeedback[0].HasSatisfaction);
        Assert.Equal(9, standard.RecentFeedback[0].Nps);
        Assert.Equal(5, standard.RecentFeedback[1].Satisfaction);
        Assert.False(standard.RecentFeedback[1].HasNps);
        Assert.Single(standard.ChannelActivity);
    }

    [Fact]
    public void Project_MapsOverdueComplaintAlert_WhenReplyDeadlinePassed()
    {
        var fixture = new ProfileFixture();
        var filedAt = Now.AddDays(-16);
        fixture.Apply(new ComplaintFiled("C-1", "fees", ComplaintSeverity.High, "charged twice"), filedAt, Channel.CallCenter);

        var card = fixture.Project(V1.ProfileView.Card);

        var alert = Assert.Single(card.Alerts);
        Assert.Equal(V1.AlertKind.ComplaintOverdue, alert.Kind);
        Assert.Equal(V1.AlertSeverity.Critical, alert.Severity);
        Assert.Equal("C-1", alert.SubjectId);
        Assert.Equal(Timestamp.FromDateTimeOffset(filedAt.AddDays(15)), alert.DueAt);
        Assert.Contains("overdue", alert.Message, StringComparison.Ordinal);
        var complaint = Assert.Single(card.Complaints);
        Assert.Equal(V1.ComplaintClockState.Overdue, complaint.Clock);
        Assert.Equal(V1.Channel.CallCenter, complaint.FiledIn);
        Assert.Equal(V1.ComplaintSeverity.High, complaint.Severity);
        Assert.Equal(V1.ComplaintStatus.Filed, complaint.Status);
        Assert.Equal(Timestamp.FromDateTimeOffset(filedAt), complaint.FiledAt);
    }

    [Fact]
    public void Project_LeavesAlertDueAtUnset_WhenAlertHasNoDeadline()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new AttributesChanged { Accessibility = new([AccessibilityNeed.WheelchairAccess], "") }, Now.AddDays(-1));

        var alert = Assert.Single(fixture.Project(V1.ProfileView.Card).Alerts);

        Assert.Equal(V1.AlertKind.NeedsAssistance, alert.Kind);
        Assert.Equal(V1.AlertSeverity.Warning, alert.Severity);
        Assert.Null(alert.DueAt);
        Assert.Equal(string.Empty, alert.SubjectId);
    }

    [Theory]
    [InlineData(24.0, null, V1.ComplaintClockState.OnTime)]
    [InlineData((15 * 24) - 12.0, null, V1.ComplaintClockState.DueSoon)]
    [InlineData(16 * 24.0, null, V1.ComplaintClockState.Overdue)]
    [InlineData(48.0, 24.0, V1.ComplaintClockState.ResolvedOnTime)]
    [InlineData(20 * 24.0, 4 * 24.0, V1.ComplaintClockState.ResolvedLate)]
    public void Project_MapsComplaintClock_WhenComplaintIsAtThatPoint(double filedHoursAgo, double? resolvedHoursAgo, V1.ComplaintClockState expected)
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new ComplaintFiled("C-1", "service", ComplaintSeverity.Medium, "rude"), Now.AddHours(-filedHoursAgo));
        if (resolvedHoursAgo is { } resolved)
        {
            fixture.Apply(new ComplaintResolved("C-1", "apology"), Now.AddHours(-resolved));
        }

        var complaint = Assert.Single(fixture.Project(V1.ProfileView.Full).Complaints);

        Assert.Equal(expected, complaint.Clock);
        Assert.Equal(resolvedHoursAgo is null ? null : Timestamp.FromDateTimeOffset(Now.AddHours(-resolvedHoursAgo.Value)), complaint.ResolvedAt);
    }

    [Fact]
    public void Project_ListsContactsOnlyForChannelsUsed_WhenInteractionsInLast30Days()
    {
        var fixture = new ProfileFixture();
        fixture.Interaction(Now.AddDays(-40), Channel.BranchCounter);
        fixture.Interaction(Now.AddDays(-3), Channel.MobileApp, resolvedFirstContact: true);
        fixture.Interaction(Now.AddDays(-2), Channel.CallCenter, resolvedFirstContact: false);
        fixture.Interaction(Now.AddDays(-1), Channel.MobileApp);

        var figures = fixture.Project(V1.ProfileView.Card).Figures;

        Assert.Equal(
            [(V1.Channel.MobileApp, 2L), (V1.Channel.CallCenter, 1L)],
            figures.ContactsLast30Days.Select(c => (c.Channel, c.Count)));
        Assert.Equal(4, figures.TotalInteractions);
        Assert.Equal(0.5, figures.FirstContactResolutionRate);
        Assert.False(figures.HasAverageSatisfaction);
        Assert.False(figures.HasNetPromoterScore);
        Assert.Equal(0, figures.FeedbackCount);
    }

    [Fact]
    public void Project_MapsFeedbackFigures_WhenAnswersGiven()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new FeedbackGiven { Satisfaction = 4, Nps = 10 }, Now.AddDays(-2));
        fixture.Apply(new FeedbackGiven { Satisfaction = 2, Nps = 3 }, Now.AddDays(-1));

        var figures = fixture.Project(V1.ProfileView.Card).Figures;

        Assert.Equal(3.0, figures.AverageSatisfaction);
        Assert.Equal(0.0, figures.NetPromoterScore);
        Assert.True(figures.HasNetPromoterScore);
        Assert.Equal(2, figures.FeedbackCount);
        Assert.False(figures.HasFirstContactResolutionRate);
    }

    [Fact]
    public void Project_MapsChannelActivity_WhenInteractionsHaveDurations()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new InteractionRecorded { WaitingDuration = TimeSpan.FromSeconds(30), HandlingDuration = TimeSpan.FromMinutes(4) }, Now.AddHours(-3), Channel.CallCenter);
        fixture.Apply(new InteractionRecorded { WaitingDuration = TimeSpan.FromSeconds(90) }, Now.AddHours(-1), Channel.CallCenter);
        fixture.Apply(new InteractionRecorded(), Now.AddHours(-2), Channel.Chatbot);

        var activity = fixture.Project(V1.ProfileView.Standard).ChannelActivity;

        Assert.Equal([V1.Channel.CallCenter, V1.Channel.Chatbot], activity.Select(a => a.Channel));
        Assert.Equal(2, activity[0].Interactions);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddHours(-1)), activity[0].LastContactAt);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(60)), activity[0].AverageWaiting);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMinutes(4)), activity[0].AverageHandling);
        Assert.Null(activity[1].AverageWaiting);
        Assert.Null(activity[1].AverageHandling);
    }

    [Fact]
    public void Project_MapsAttributesAndIdentifiers_WhenSet()
    {
        var fixture = new ProfileFixture();
        var linkedAt = Now.AddDays(-10);
        fixture.Apply(Samples.Payloads[V1.ChannelEvent.PayloadOneofCase.AttributesChanged].Payload, Now.AddDays(-20));
        fixture.Apply(new IdentifierLinked(IdentifierKind.Phone, "+49 151 12345678", Shared: true), linkedAt);
        fixture.Apply(new IdentifierLinked(IdentifierKind.Card, "4111 1111 1111 1111", Shared: false), linkedAt);

        var card = fixture.Project(V1.ProfileView.Card);

        var attributes = card.Attributes;
        Assert.Equal("Ada Lovelace", attributes.FullName);
        Assert.Equal("Ada", attributes.PreferredName);
        Assert.Equal("ada@example.com", attributes.Email);
        Assert.Equal("+447700900123", attributes.ContactPhone);
        Assert.Equal("1 Bank Street", attributes.PostalAddress);
        Assert.Equal("en-GB", attributes.PreferredLanguage);
        Assert.Equal([V1.AccessibilityNeed.LargePrint, V1.AccessibilityNeed.HearingLoop], attributes.AccessibilityNeeds);
        Assert.Equal("mornings", attributes.AccessibilityNote);
        Assert.Equal("retail", attributes.Segment);
        Assert.Equal("gold", attributes.Tier);
        Assert.True(attributes.HasMarketingConsent);
        Assert.False(attributes.MarketingConsent);
        Assert.Equal("1985-12-10", attributes.DateOfBirth);
        Assert.Equal(V1.Channel.BranchCounter, attributes.PreferredChannel);
        Assert.Equal(
            [(V1.IdentifierKind.Phone, "+4915112345678", true), (V1.IdentifierKind.Card, "**** 1111", false)],
            card.Identifiers.Select(i => (i.Kind, i.DisplayValue, i.Shared)));
        Assert.All(card.Identifiers, i => Assert.Equal(Timestamp.FromDateTimeOffset(linkedAt), i.LinkedAt));
    }

    [Fact]
    public void Project_LeavesOptionalAttributesEmpty_WhenNeverStated()
    {
        var card = new ProfileFixture().Project(V1.ProfileView.Card);

        Assert.False(card.Attributes.HasMarketingConsent);
        Assert.Equal(string.Empty, card.Attributes.DateOfBirth);
        Assert.Null(card.LastEventAt);
        Assert.Equal(0, card.Revision);
    }

    [Fact]
    public void Project_MapsEnvelope_WhenEventsApplied()
    {
        var fixture = WithInteractions(2);

        var card = fixture.Project(V1.ProfileView.Card);

        Assert.Equal(Samples.CustomerText, card.CustomerId);
        Assert.Equal(2, card.Revision);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddHours(-1)), card.LastEventAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now), card.EvaluatedAt);
    }

    [Fact]
    public void ToTask_MapsStatusAndStepsWithRejection_WhenTaskHasHistory()
    {
        var fixture = new ProfileFixture();
        var due = Now.AddDays(2);
        var startedId = fixture.Apply(new TaskStarted("T-1", TaskKind.LoanApplication, "Mortgage") { NextAction = "upload payslips", ExpiresAt = Now.AddDays(30) }, Now.AddDays(-3), Channel.MobileApp);
        fixture.Apply(new TaskHandedOff("T-1", Channel.BranchCounter, "sign at branch") { DueAt = due }, Now.AddDays(-2), Channel.OnlineBanking);
        fixture.Apply(new TaskWaiting("T-1", WaitingParty.Customer, "bring ID"), Now.AddDays(-1), Channel.BranchCounter);
        var rejectedId = fixture.Apply(new TaskStarted("T-1", TaskKind.LoanApplication, "again"), Now.AddHours(-1), expected: ApplyOutcome.Rejected);

        var task = ProfileProjection.ToTask(fixture.Profile.FindTask("T-1")!);

        Assert.Equal("T-1", task.TaskId);
        Assert.Equal(V1.TaskKind.LoanApplication, task.Kind);
        Assert.Equal("Mortgage", task.Title);
        Assert.Equal(V1.TaskStatus.WaitingOnCustomer, task.Status);
        Assert.Equal(V1.Channel.MobileApp, task.StartedIn);
        Assert.Equal(V1.Channel.BranchCounter, task.CurrentChannel);
        Assert.Equal("bring ID", task.NextAction);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddDays(-3)), task.StartedAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddDays(-1)), task.UpdatedAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(due), task.DueAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddDays(30)), task.ExpiresAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddDays(-1)), task.WaitingSince);
        Assert.Equal(string.Empty, task.ClosingNote);
        Assert.Equal(4, task.Steps.Count);
        Assert.Equal(startedId, task.Steps[0].EventId);
        Assert.Equal(V1.Channel.MobileApp, task.Steps[0].Channel);
        Assert.Contains("Mortgage", task.Steps[0].Description, StringComparison.Ordinal);
        Assert.False(task.Steps[0].Rejected);
        Assert.Equal(string.Empty, task.Steps[0].RejectionReason);
        Assert.Equal(rejectedId, task.Steps[3].EventId);
        Assert.True(task.Steps[3].Rejected);
        Assert.Equal("task was already started by an earlier event", task.Steps[3].RejectionReason);
    }

    [Fact]
    public void ToInteraction_MapsDetails_WhenAllFieldsSet()
    {
        var fixture = new ProfileFixture();
        var details = (InteractionRecorded)Samples.Payloads[V1.ChannelEvent.PayloadOneofCase.InteractionRecorded].Payload;
        var id = fixture.Apply(details, Now.AddHours(-1), Channel.Social);

        var interaction = ProfileProjection.ToInteraction(fixture.Profile.Interactions[0]);

        Assert.Equal(id, interaction.EventId);
        Assert.Equal(V1.Channel.Social, interaction.Channel);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now.AddHours(-1)), interaction.OccurredAt);
        Assert.Equal(V1.InteractionType.Inquiry, interaction.Type);
        Assert.Equal("card-declined", interaction.Topic);
        Assert.Equal("card declined abroad", interaction.Summary);
        Assert.Equal("agent-7", interaction.StaffId);
        Assert.Equal(V1.InteractionOutcome.FollowUpRequired, interaction.Outcome);
        Assert.True(interaction.HasResolvedFirstContact);
        Assert.False(interaction.ResolvedFirstContact);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(90)), interaction.WaitingDuration);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300_500)), interaction.HandlingDuration);
        Assert.Equal("test", interaction.SourceSystem);
        Assert.Equal("T-1", interaction.RelatedTaskId);
        Assert.Equal("C-1", interaction.RelatedComplaintId);
    }

    [Fact]
    public void ToInteraction_LeavesOptionalFieldsUnset_WhenNotReported()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new InteractionRecorded(), Now.AddHours(-1));

        var interaction = ProfileProjection.ToInteraction(fixture.Profile.Interactions[0]);

        Assert.False(interaction.HasResolvedFirstContact);
        Assert.Null(interaction.WaitingDuration);
        Assert.Null(interaction.HandlingDuration);
    }
}
