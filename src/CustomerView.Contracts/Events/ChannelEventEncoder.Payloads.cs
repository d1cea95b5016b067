using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Events;

public static partial class ChannelEventEncoder
{
    /// <summary>Sets <paramref name="m"/>'s payload (the oneof) to the contract message of <paramref name="payload"/>.</summary>
    internal static void SetPayload(V1.ChannelEvent m, EventPayload payload)
    {
        switch (payload)
        {
            case InteractionRecorded p:
                m.InteractionRecorded = EncodeInteraction(p);
                break;
            case AttributesChanged p:
                m.AttributesChanged = EncodeAttributes(p);
                break;
            case IdentifierLinked p:
                m.IdentifierLinked = new() { Kind = (V1.IdentifierKind)p.Kind, Value = p.Value, Shared = p.Shared };
                break;
            case IdentifierUnlinked p:
                m.IdentifierUnlinked = new() { Kind = (V1.IdentifierKind)p.Kind, Value = p.Value };
                break;
            case FeedbackGiven p:
                m.FeedbackGiven = EncodeFeedback(p);
                break;
            case TaskEvent p:
                SetTask(m, p);
                break;
            case ComplaintEvent p:
                SetComplaint(m, p);
                break;
            case AppointmentEvent p:
                SetAppointment(m, p);
                break;
            default:
                ThrowHelper.UnknownPayload(payload);
                break;
        }
    }

    private static void SetTask(V1.ChannelEvent m, TaskEvent payload)
    {
        switch (payload)
        {
            case TaskStarted p:
                m.TaskStarted = new()
                {
                    TaskId = p.TaskId,
                    Kind = (V1.TaskKind)p.Kind,
                    Title = p.Title,
                    DueAt = WireTime.ToTimestamp(p.DueAt),
                    ExpiresAt = WireTime.ToTimestamp(p.ExpiresAt),
                    NextAction = p.NextAction,
                };
                break;
            case TaskStepCompleted p:
                m.TaskStepCompleted = new() { TaskId = p.TaskId, Step = p.Step, NextAction = p.NextAction, DueAt = WireTime.ToTimestamp(p.DueAt) };
                break;
            case TaskHandedOff p:
                m.TaskHandedOff = new()
                {
                    TaskId = p.TaskId,
                    ToChannel = (V1.Channel)p.ToChannel,
                    NextAction = p.NextAction,
                    DueAt = WireTime.ToTimestamp(p.DueAt),
                };
                break;
            case TaskWaiting p:
                m.TaskWaiting = new()
                {
                    TaskId = p.TaskId,
                    On = (V1.TaskWaiting.Types.Party)p.On,
                    Reason = p.Reason,
                    DueAt = WireTime.ToTimestamp(p.DueAt),
                };
                break;
            case TaskCompleted p:
                m.TaskCompleted = new() { TaskId = p.TaskId, Outcome = p.Outcome };
                break;
            case TaskCancelled p:
                m.TaskCancelled = new() { TaskId = p.TaskId, Reason = p.Reason };
                break;
            case TaskExpired p:
                m.TaskExpired = new() { TaskId = p.TaskId };
                break;
            default:
                ThrowHelper.UnknownPayload(payload);
                break;
        }
    }

    private static void SetComplaint(V1.ChannelEvent m, ComplaintEvent payload)
    {
        switch (payload)
        {
            case ComplaintFiled p:
                m.ComplaintFiled = new()
                {
                    ComplaintId = p.ComplaintId,
                    Category = p.Category,
                    Severity = (V1.ComplaintSeverity)p.Severity,
                    Description = p.Description,
                };
                break;
            case ComplaintAcknowledged p:
                m.ComplaintAcknowledged = new() { ComplaintId = p.ComplaintId, HandlerId = p.HandlerId };
                break;
            case ComplaintEscalated p:
                m.ComplaintEscalated = new() { ComplaintId = p.ComplaintId, ToTeam = p.ToTeam, Reason = p.Reason };
                break;
            case ComplaintDeadlineExtended p:
                m.ComplaintDeadlineExtended = new() { ComplaintId = p.ComplaintId, Reason = p.Reason, ApprovedBy = p.ApprovedBy };
                break;
            case ComplaintResolved p:
                m.ComplaintResolved = new() { ComplaintId = p.ComplaintId, Resolution = p.Resolution };
                break;
            case ComplaintConfirmed p:
                m.ComplaintConfirmed = new() { ComplaintId = p.ComplaintId };
                break;
            case ComplaintReopened p:
                m.ComplaintReopened = new() { ComplaintId = p.ComplaintId, Reason = p.Reason };
                break;
            default:
                ThrowHelper.UnknownPayload(payload);
                break;
        }
    }

    private static void SetAppointment(V1.ChannelEvent m, AppointmentEvent payload)
    {
        switch (payload)
        {
            case AppointmentBooked p:
                m.AppointmentBooked = new()
                {
                    AppointmentId = p.AppointmentId,
                    ScheduledAt = WireTime.ToTimestamp(p.ScheduledAt),
                    Location = p.Location,
                    Purpose = p.Purpose,
                    StaffId = p.StaffId,
                };
                break;
            case AppointmentCheckedIn p:
                m.AppointmentCheckedIn = new() { AppointmentId = p.AppointmentId };
                break;
            case AppointmentServed p:
                m.AppointmentServed = new() { AppointmentId = p.AppointmentId, StaffId = p.StaffId };
                break;
            case AppointmentMissed p:
                m.AppointmentMissed = new() { AppointmentId = p.AppointmentId };
                break;
            case AppointmentCancelled p:
                m.AppointmentCancelled = new() { AppointmentId = p.AppointmentId, Reason = p.Reason };
                break;
            default:
                ThrowHelper.UnknownPayload(payload);
                break;
        }
    }

    private static V1.InteractionRecorded EncodeInteraction(InteractionRecorded p) => FillInteraction(new V1.InteractionRecorded(), p);

    private static V1.FeedbackGiven EncodeFeedback(FeedbackGiven p) => FillFeedback(new V1.FeedbackGiven(), p);

    /// <summary>Sets every field of <paramref name="m"/> (which may be reused) from <paramref name="p"/>.</summary>
    internal static V1.InteractionRecorded FillInteraction(V1.InteractionRecorded m, InteractionRecorded p)
    {
        m.Type = (V1.InteractionType)p.Type;
        m.Topic = p.Topic;
        m.Summary = p.Summary;
        m.StaffId = p.StaffId;
        m.Outcome = (V1.InteractionOutcome)p.Outcome;
        m.WaitingDuration = WireTime.ToDuration(p.WaitingDuration);
        m.HandlingDuration = WireTime.ToDuration(p.HandlingDuration);
        m.RelatedTaskId = p.RelatedTaskId;
        m.RelatedComplaintId = p.RelatedComplaintId;
        if (p.ResolvedFirstContact is { } resolved)
        {
            m.ResolvedFirstContact = resolved;
        }
        else
        {
            m.ClearResolvedFirstContact();
        }

        return m;
    }

    /// <summary>Sets every field of <paramref name="m"/> (which may be reused) from <paramref name="p"/>.</summary>
    internal static V1.FeedbackGiven FillFeedback(V1.FeedbackGiven m, FeedbackGiven p)
    {
        m.Comment = p.Comment;
        m.InteractionEventId = p.InteractionEventId;
        if (p.Satisfaction is { } satisfaction)
        {
            m.Satisfaction = satisfaction;
        }
        else
        {
            m.ClearSatisfaction();
        }

        if (p.Nps is { } nps)
        {
            m.Nps = nps;
        }
        else
        {
            m.ClearNps();
        }

        return m;
    }
}
