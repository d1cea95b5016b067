using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using Case = CustomerView.Contracts.V1.ChannelEvent.PayloadOneofCase;

namespace CustomerView.Contracts.Tests;

/// <summary>One channel event per payload kind, as hand-written canonical JSON and as the domain event it must decode to.</summary>
internal static class Samples
{
    public const string CustomerText = "cust-42";

    public static readonly DateTimeOffset OccurredAt = new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly DateTimeOffset Due = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<Case, (string Json, EventPayload Payload)> Payloads { get; } = new Dictionary<Case, (string, EventPayload)>
    {
        [Case.InteractionRecorded] = (
            """
            "interactionRecorded": {"type": "INTERACTION_TYPE_INQUIRY", "topic": "card-declined", "summary": "card declined abroad",
              "staffId": "agent-7", "outcome": "INTERACTION_OUTCOME_FOLLOW_UP_REQUIRED", "resolvedFirstContact": false,
              "waitingDuration": "90s", "handlingDuration": "300.500s", "relatedTaskId": "T-1", "relatedComplaintId": "C-1"}
            """,
            new InteractionRecorded
            {
                Type = InteractionType.Inquiry,
                Topic = "card-declined",
                Summary = "card declined abroad",
                StaffId = "agent-7",
                Outcome = InteractionOutcome.FollowUpRequired,
                ResolvedFirstContact = false,
                WaitingDuration = TimeSpan.FromSeconds(90),
                HandlingDuration = TimeSpan.FromMilliseconds(300_500),
                RelatedTaskId = "T-1",
                RelatedComplaintId = "C-1",
            }),
        [Case.AttributesChanged] = (
            """
            "attributesChanged": {"fullName": "Ada Lovelace", "preferredName": "Ada", "email": "ada@example.com",
              "contactPhone": "+44 7700 900123", "postalAddress": "1 Bank Street", "preferredLanguage": "en-GB",
              "accessibilityNeeds": {"needs": ["ACCESSIBILITY_NEED_LARGE_PRINT", "ACCESSIBILITY_NEED_HEARING_LOOP"], "note": "mornings"},
              "segment": "retail", "tier": "gold", "marketingConsent": false, "dateOfBirth": "1985-12-10",
              "preferredChannel": "CHANNEL_BRANCH_COUNTER"}
            """,
            new AttributesChanged
            {
                FullName = "Ada Lovelace",
                PreferredName = "Ada",
                Email = "ada@example.com",
                ContactPhone = "+44 7700 900123",
                PostalAddress = "1 Bank Street",
                PreferredLanguage = "en-GB",
                Accessibility = new([AccessibilityNeed.LargePrint, AccessibilityNeed.HearingLoop], "mornings"),
                Segment = "retail",
                Tier = "gold",
                MarketingConsent = false,
                DateOfBirth = new DateOnly(1985, 12, 10),
                PreferredChannel = Channel.BranchCounter,
            }),
        [Case.IdentifierLinked] = (
            """ "identifierLinked": {"kind": "IDENTIFIER_KIND_PHONE", "value": "+4915112345678", "shared": true}""",
            new IdentifierLinked(IdentifierKind.Phone, "+4915112345678", Shared: true)),
        [Case.IdentifierUnlinked] = (
            """ "identifierUnlinked": {"kind": "IDENTIFIER_KIND_CARD", "value": "tok_123"}""",
            new IdentifierUnlinked(IdentifierKind.Card, "tok_123")),
        [Case.TaskStarted] = (
            """
            "taskStarted": {"taskId": "T-1", "kind": "TASK_KIND_LOAN_APPLICATION", "title": "Mortgage",
              "dueAt": "2026-03-03T09:00:00Z", "expiresAt": "2026-04-01T00:00:00Z", "nextAction": "upload payslips"}
            """,
            new TaskStarted("T-1", TaskKind.LoanApplication, "Mortgage")
            {
                DueAt = Due,
                ExpiresAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
                NextAction = "upload payslips",
            }),
        [Case.TaskStepCompleted] = (
            """ "taskStepCompleted": {"taskId": "T-1", "step": "payslips uploaded", "nextAction": "review", "dueAt": "2026-03-03T09:00:00.250Z"}""",
            new TaskStepCompleted("T-1", "payslips uploaded") { NextAction = "review", DueAt = Due.AddMilliseconds(250) }),
        [Case.TaskHandedOff] = (
            """ "taskHandedOff": {"taskId": "T-1", "toChannel": "CHANNEL_BRANCH_COUNTER", "nextAction": "sign at branch", "dueAt": "2026-03-03T09:00:00Z"}""",
            new TaskHandedOff("T-1", Channel.BranchCounter, "sign at branch") { DueAt = Due }),
        [Case.TaskWaiting] = (
            """ "taskWaiting": {"taskId": "T-1", "on": "PARTY_CUSTOMER", "reason": "copy of ID missing"}""",
            new TaskWaiting("T-1", WaitingParty.Customer, "copy of ID missing")),
        [Case.TaskCompleted] = (
            """ "taskCompleted": {"taskId": "T-1", "outcome": "approved"}""",
            new TaskCompleted("T-1", "approved")),
        [Case.TaskCancelled] = (
            """ "taskCancelled": {"taskId": "T-1", "reason": "customer withdrew"}""",
            new TaskCancelled("T-1", "customer withdrew")),
        [Case.TaskExpired] = (
            """ "taskExpired": {"taskId": "T-1"}""",
            new TaskExpired("T-1")),
        [Case.ComplaintFiled] = (
            """ "complaintFiled": {"complaintId": "C-1", "category": "fees", "severity": "COMPLAINT_SEVERITY_HIGH", "description": "charged twice"}""",
            new ComplaintFiled("C-1", "fees", ComplaintSeverity.High, "charged twice")),
        [Case.ComplaintAcknowledged] = (
            """ "complaintAcknowledged": {"complaintId": "C-1", "handlerId": "h-9"}""",
            new ComplaintAcknowledged("C-1", "h-9")),
        [Case.ComplaintEscalated] = (
            """ "complaintEscalated": {"complaintId": "C-1", "toTeam": "ombudsman-liaison", "reason": "no reply"}""",
            new ComplaintEscalated("C-1", "ombudsman-liaison", "no reply")),
        [Case.ComplaintDeadlineExtended] = (
            """ "complaintDeadlineExtended": {"complaintId": "C-1", "reason": "needs audit", "approvedBy": "mgr-2"}""",
            new ComplaintDeadlineExtended("C-1", "needs audit", "mgr-2")),
        [Case.ComplaintResolved] = (
            """ "complaintResolved": {"complaintId": "C-1", "resolution": "refunded"}""",
            new ComplaintResolved("C-1", "refunded")),
        [Case.ComplaintConfirmed] = (
            """ "complaintConfirmed": {"complaintId": "C-1"}""",
            new ComplaintConfirmed("C-1")),
        [Case.ComplaintReopened] = (
            """ "complaintReopened": {"complaintId": "C-1", "reason": "refund missing"}""",
            new ComplaintReopened("C-1", "refund missing")),
        [Case.AppointmentBooked] = (
            """ "appointmentBooked": {"appointmentId": "A-1", "scheduledAt": "2026-03-05T14:30:00Z", "location": "BR-042", "purpose": "mortgage advice", "staffId": "rm-3"}""",
            new AppointmentBooked("A-1", new DateTimeOffset(2026, 3, 5, 14, 30, 0, TimeSpan.Zero), "BR-042", "mortgage advice") { StaffId = "rm-3" }),
        [Case.AppointmentCheckedIn] = (
            """ "appointmentCheckedIn": {"appointmentId": "A-1"}""",
            new AppointmentCheckedIn("A-1")),
        [Case.AppointmentServed] = (
            """ "appointmentServed": {"appointmentId": "A-1", "staffId": "rm-3"}""",
            new AppointmentServed("A-1", "rm-3")),
        [Case.AppointmentMissed] = (
            """ "appointmentMissed": {"appointmentId": "A-1"}""",
            new AppointmentMissed("A-1")),
        [Case.AppointmentCancelled] = (
            """ "appointmentCancelled": {"appointmentId": "A-1", "reason": "sick"}""",
            new AppointmentCancelled("A-1", "sick")),
        [Case.FeedbackGiven] = (
            """ "feedbackGiven": {"satisfaction": 4, "nps": 0, "comment": "quick", "interactionEventId": "evt-0"}""",
            new FeedbackGiven { Satisfaction = 4, Nps = 0, Comment = "quick", InteractionEventId = "evt-0" }),
    };

    public static TheoryData<Case> PayloadCases => [.. Payloads.Keys];

    /// <summary>A whole event in canonical JSON with <paramref name="payloadJson"/> as its payload member.</summary>
    public static string Json(string payloadJson) =>
        $$"""
        {"eventId": "evt-1", "customerId": "{{CustomerText}}", "channel": "CHANNEL_MOBILE_APP",
         "occurredAt": "2026-03-01T10:15:30.123456700Z", "sourceSystem": "mobile-backend", "correlationId": "journey-7",
         {{payloadJson}}}
        """;

    /// <summary>The domain event <see cref="Json"/> describes.</summary>
    public static DomainEvent Event(EventPayload payload) =>
        new(EventId.Parse("evt-1"), CustomerId.Parse(CustomerText), Channel.MobileApp, OccurredAt, "mobile-backend", payload)
        {
            CorrelationId = "journey-7",
        };

    /// <summary>A valid contract message (a task expiry) to break in one place.</summary>
    public static V1.ChannelEvent Message() => new()
    {
        EventId = "evt-1",
        CustomerId = CustomerText,
        Channel = V1.Channel.MobileApp,
        OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(OccurredAt),
        SourceSystem = "mobile-backend",
        TaskExpired = new V1.TaskExpired { TaskId = "T-1" },
    };
}
