using CustomerView.Domain;
using CustomerView.Domain.Events;
using Case = CustomerView.Contracts.V1.ChannelEvent.PayloadOneofCase;

namespace CustomerView.Contracts.Events;

public sealed partial class ChannelEventDecoder
{
    /// <summary>Maps the payload; <see langword="null"/> with <paramref name="error"/> set when a field is invalid.</summary>
    private static EventPayload? MapPayload(V1.ChannelEvent m, ref string? error)
    {
        EventPayload? payload = m.PayloadCase switch
        {
            Case.InteractionRecorded => MapInteraction(m.InteractionRecorded, ref error),
            Case.AttributesChanged => MapAttributes(m.AttributesChanged, ref error),
            Case.IdentifierLinked => new IdentifierLinked(
                Known((IdentifierKind)m.IdentifierLinked.Kind, "identifier_linked.kind", ref error), m.IdentifierLinked.Value, m.IdentifierLinked.Shared),
            Case.IdentifierUnlinked => new IdentifierUnlinked(
                Known((IdentifierKind)m.IdentifierUnlinked.Kind, "identifier_unlinked.kind", ref error), m.IdentifierUnlinked.Value),

            Case.TaskStarted => MapTaskStarted(m.TaskStarted, ref error),
            Case.TaskStepCompleted => new TaskStepCompleted(m.TaskStepCompleted.TaskId, CategoryStrings.Share(m.TaskStepCompleted.Step))
            {
                NextAction = CategoryStrings.Share(m.TaskStepCompleted.NextAction),
                DueAt = Instant(m.TaskStepCompleted.DueAt, "task_step_completed.due_at", ref error),
            },
            Case.TaskHandedOff => new TaskHandedOff(
                m.TaskHandedOff.TaskId, Known((Channel)m.TaskHandedOff.ToChannel, "task_handed_off.to_channel", ref error), m.TaskHandedOff.NextAction)
            {
                DueAt = Instant(m.TaskHandedOff.DueAt, "task_handed_off.due_at", ref error),
            },
            Case.TaskWaiting => new TaskWaiting(
                m.TaskWaiting.TaskId, Known((WaitingParty)m.TaskWaiting.On, "task_waiting.on", ref error), m.TaskWaiting.Reason)
            {
                DueAt = Instant(m.TaskWaiting.DueAt, "task_waiting.due_at", ref error),
            },
            Case.TaskCompleted => new TaskCompleted(m.TaskCompleted.TaskId, m.TaskCompleted.Outcome),
            Case.TaskCancelled => new TaskCancelled(m.TaskCancelled.TaskId, m.TaskCancelled.Reason),
            Case.TaskExpired => new TaskExpired(m.TaskExpired.TaskId),

            Case.ComplaintFiled => new ComplaintFiled(
                m.ComplaintFiled.ComplaintId,
                m.ComplaintFiled.Category,
                Known((ComplaintSeverity)m.ComplaintFiled.Severity, "complaint_filed.severity", ref error),
                m.ComplaintFiled.Description),
            Case.ComplaintAcknowledged => new ComplaintAcknowledged(m.ComplaintAcknowledged.ComplaintId, m.ComplaintAcknowledged.HandlerId),
            Case.ComplaintEscalated => new ComplaintEscalated(m.ComplaintEscalated.ComplaintId, m.ComplaintEscalated.ToTeam, m.ComplaintEscalated.Reason),
            Case.ComplaintDeadlineExtended => new ComplaintDeadlineExtended(
                m.ComplaintDeadlineExtended.ComplaintId, m.ComplaintDeadlineExtended.Reason, m.ComplaintDeadlineExtended.ApprovedBy),
            Case.ComplaintResolved => new ComplaintResolved(m.ComplaintResolved.ComplaintId, m.ComplaintResolved.Resolution),
            Case.ComplaintConfirmed => new ComplaintConfirmed(m.ComplaintConfirmed.ComplaintId),
            Case.ComplaintReopened => new ComplaintReopened(m.ComplaintReopened.ComplaintId, m.ComplaintReopened.Reason),

            Case.AppointmentBooked => MapAppointmentBooked(m.AppointmentBooked, ref error),
            Case.AppointmentCheckedIn => new AppointmentCheckedIn(m.AppointmentCheckedIn.AppointmentId),
            Case.AppointmentServed => new AppointmentServed(m.AppointmentServed.AppointmentId, m.AppointmentServed.StaffId),
            Case.AppointmentMissed => new AppointmentMissed(m.AppointmentMissed.AppointmentId),
            Case.AppointmentCancelled => new AppointmentCancelled(m.AppointmentCancelled.AppointmentId, m.AppointmentCancelled.Reason),

            Case.FeedbackGiven => new FeedbackGiven
            {
                Satisfaction = m.FeedbackGiven.HasSatisfaction ? m.FeedbackGiven.Satisfaction : null,
                Nps = m.FeedbackGiven.HasNps ? m.FeedbackGiven.Nps : null,
                Comment = m.FeedbackGiven.Comment,
                InteractionEventId = m.FeedbackGiven.InteractionEventId,
            },
            _ => null,
        };

        return error is null ? payload : null;
    }

    private static InteractionRecorded MapInteraction(V1.InteractionRecorded m, ref string? error) => new()
    {
        Type = Known((InteractionType)m.Type, "interaction_recorded.type", ref error),
        Topic = CategoryStrings.Share(m.Topic),
        Summary = m.Summary,
        StaffId = CategoryStrings.Share(m.StaffId),
        Outcome = Known((InteractionOutcome)m.Outcome, "interaction_recorded.outcome", ref error),
        ResolvedFirstContact = m.HasResolvedFirstContact ? m.ResolvedFirstContact : null,
        WaitingDuration = Span(m.WaitingDuration, "interaction_recorded.waiting_duration", ref error),
        HandlingDuration = Span(m.HandlingDuration, "interaction_recorded.handling_duration", ref error),
        RelatedTaskId = m.RelatedTaskId,
        RelatedComplaintId = m.RelatedComplaintId,
    };

    private static TaskStarted MapTaskStarted(V1.TaskStarted m, ref string? error) =>
        new(m.TaskId, Known((TaskKind)m.Kind, "task_started.kind", ref error), CategoryStrings.Share(m.Title))
        {
            DueAt = Instant(m.DueAt, "task_started.due_at", ref error),
            ExpiresAt = Instant(m.ExpiresAt, "task_started.expires_at", ref error),
            NextAction = CategoryStrings.Share(m.NextAction),
        };

    private static AppointmentBooked? MapAppointmentBooked(V1.AppointmentBooked m, ref string? error)
    {
        if (m.ScheduledAt is null)
        {
            error ??= "appointment_booked.scheduled_at is missing";
            return null;
        }

        var scheduledAt = Instant(m.ScheduledAt, "appointment_booked.scheduled_at", ref error);
        return scheduledAt is { } at ? new(m.AppointmentId, at, CategoryStrings.Share(m.Location), CategoryStrings.Share(m.Purpose)) { StaffId = CategoryStrings.Share(m.StaffId) } : null;
    }
}
