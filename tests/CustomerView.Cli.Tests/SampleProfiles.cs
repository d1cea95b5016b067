using CustomerView.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Cli.Tests;

/// <summary>Hand-built profiles with something in every section.</summary>
internal static class SampleProfiles
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    public static CustomerProfile Full()
    {
        var profile = new CustomerProfile
        {
            CustomerId = "C-000042",
            Revision = 17,
            EvaluatedAt = At(0),
            LastEventAt = At(-1),
            Attributes = new Attributes
            {
                FullName = "Zofia Wójcik",
                PreferredName = "Zosia",
                Email = "zofia.wojcik42@example.com",
                ContactPhone = "+442079460018",
                PreferredLanguage = "pl-PL",
                Segment = "retail",
                Tier = "gold",
                AccessibilityNote = "interpreter: Polish",
                DateOfBirth = "1968-03-14",
                MarketingConsent = true,
                PreferredChannel = Channel.MobileApp,
            },
            Figures = new Figures
            {
                TotalInteractions = 12,
                FirstContactResolutionRate = 0.75,
                AverageSatisfaction = 3.5,
                FeedbackCount = 4,
                NetPromoterScore = 25,
                OpenTasks = 1,
                OpenComplaints = 1,
            },
        };
        profile.Attributes.AccessibilityNeeds.Add(AccessibilityNeed.LanguageInterpreter);
        profile.Figures.ContactsLast30Days.Add(new ChannelCount { Channel = Channel.CallCenter, Count = 3 });
        profile.Alerts.Add(new Alert { Kind = AlertKind.ComplaintOverdue, Severity = AlertSeverity.Critical, Message = "Complaint CMP-000042-1 (card) is overdue", SubjectId = "CMP-000042-1", DueAt = At(-30) });
        profile.Alerts.Add(new Alert { Kind = AlertKind.TaskWaitingOnCustomer, Severity = AlertSeverity.Warning, Message = "Task LOAN-000042-1 has waited on the customer for 5 days", SubjectId = "LOAN-000042-1" });
        profile.Alerts.Add(new Alert { Kind = AlertKind.AppointmentToday, Severity = AlertSeverity.Info, Message = "Appointment at 14:30 at BR-LDN-01", SubjectId = "APT-000042-1" });
        profile.Identifiers.Add(new Identifier { Kind = IdentifierKind.Phone, DisplayValue = "+442079460018", Shared = true, LinkedAt = At(-60 * 24 * 30) });
        profile.Identifiers.Add(new Identifier { Kind = IdentifierKind.Card, DisplayValue = "**** 4242", LinkedAt = At(-60 * 24 * 28) });
        profile.Tasks.Add(new CustomerView.Contracts.V1.Task
        {
            TaskId = "LOAN-000042-1",
            Kind = TaskKind.LoanApplication,
            Title = "Personal loan £12,000",
            Status = CustomerView.Contracts.V1.TaskStatus.InProgress,
            StartedIn = Channel.MobileApp,
            CurrentChannel = Channel.BranchCounter,
            NextAction = "Sign loan agreement at branch",
            DueAt = At(60 * 24 * 2),
        });
        profile.Complaints.Add(new Complaint
        {
            ComplaintId = "CMP-000042-1",
            Category = "card",
            Severity = ComplaintSeverity.High,
            Status = ComplaintStatus.Escalated,
            Clock = ComplaintClockState.Overdue,
            FiledIn = Channel.CallCenter,
            FiledAt = At(-60 * 24 * 16),
            DueAt = At(-60 * 24),
        });
        profile.Appointments.Add(new Appointment
        {
            AppointmentId = "APT-000042-1",
            Status = AppointmentStatus.Booked,
            ScheduledAt = At(180),
            Location = "BR-LDN-01",
            Purpose = "Mortgage advice",
            BookedIn = Channel.OnlineBanking,
        });
        profile.RecentInteractions.Add(new Interaction
        {
            EventId = "ev-1",
            Channel = Channel.CallCenter,
            OccurredAt = At(-90),
            Type = InteractionType.ComplaintContact,
            Topic = "card-declined",
            Summary = "Complaint taken: card declined abroad",
            StaffId = "agent-007",
            Outcome = InteractionOutcome.FollowUpRequired,
            ResolvedFirstContact = false,
            WaitingDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(185)),
            HandlingDuration = Duration.FromTimeSpan(TimeSpan.FromMinutes(12)),
        });
        profile.RecentFeedback.Add(new Feedback { EventId = "ev-2", Channel = Channel.BranchCounter, OccurredAt = At(-60), Satisfaction = 2, Nps = 3, Comment = "Far too slow." });
        profile.RejectedEvents.Add(new RejectedEvent { EventId = "ev-poison-1", OccurredAt = At(-10), SubjectId = "POISON-1", Reason = "task is cancelled; task_completed is not allowed" });
        return profile;
    }

    public static Timestamp At(int minutesFromNow) => Timestamp.FromDateTimeOffset(Now.AddMinutes(minutesFromNow));
}
