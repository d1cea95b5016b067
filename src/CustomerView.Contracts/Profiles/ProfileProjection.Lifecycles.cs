using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Lifecycles;
using Google.Protobuf.Collections;

namespace CustomerView.Contracts.Profiles;

public static partial class ProfileProjection
{
    /// <summary>The contract task for <paramref name="task"/>, with its lifecycle steps oldest first (ListTasks returns these).</summary>
    public static V1.Task ToTask(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var m = new V1.Task
        {
            TaskId = task.Id,
            Kind = (V1.TaskKind)task.Kind,
            Title = task.Title,
            Status = (V1.TaskStatus)task.Status,
            StartedIn = (V1.Channel)task.StartedIn,
            CurrentChannel = (V1.Channel)task.CurrentChannel,
            NextAction = task.NextAction,
            StartedAt = WireTime.ToTimestamp(task.StartedAt),
            UpdatedAt = UpdatedAt(task),
            DueAt = WireTime.ToTimestamp(task.DueAt),
            ExpiresAt = WireTime.ToTimestamp(task.ExpiresAt),
            WaitingSince = WireTime.ToTimestamp(task.WaitingSince),
            ClosingNote = task.ClosingNote,
        };

        AddSteps(task.History, m.Steps);
        return m;
    }

    /// <summary>The contract complaint, with its reply clock at <paramref name="now"/>.</summary>
    internal static V1.Complaint ToComplaint(ComplaintItem complaint, DateTimeOffset now, TimeSpan dueSoonWithin)
    {
        var m = new V1.Complaint
        {
            ComplaintId = complaint.Id,
            Category = complaint.Category,
            Severity = (V1.ComplaintSeverity)complaint.Severity,
            Status = (V1.ComplaintStatus)complaint.Status,
            Description = complaint.Description,
            FiledIn = (V1.Channel)complaint.FiledIn,
            FiledAt = WireTime.ToTimestamp(complaint.FiledAt),
            DueAt = WireTime.ToTimestamp(complaint.DueAt),
            Extensions = complaint.Extensions,
            Clock = (V1.ComplaintClockState)complaint.ClockAt(now, dueSoonWithin),
            ResolvedAt = WireTime.ToTimestamp(complaint.ResolvedAt),
            Resolution = complaint.Resolution,
            HandlerId = complaint.HandlerId,
            Escalations = complaint.Escalations,
            ReopenCount = complaint.ReopenCount,
        };

        AddSteps(complaint.History, m.History);
        return m;
    }

    internal static V1.Appointment ToAppointment(AppointmentItem appointment) => new()
    {
        AppointmentId = appointment.Id,
        Status = (V1.AppointmentStatus)appointment.Status,
        ScheduledAt = WireTime.ToTimestamp(appointment.ScheduledAt),
        Location = appointment.Location,
        Purpose = appointment.Purpose,
        StaffId = appointment.StaffId,
        BookedIn = (V1.Channel)appointment.BookedIn,
        UpdatedAt = UpdatedAt(appointment),
    };

    private static void AddSteps(IReadOnlyList<LifecycleStep> history, RepeatedField<V1.TaskStep> into)
    {
        foreach (var step in history)
        {
            into.Add(new V1.TaskStep
            {
                EventId = step.EventId,
                OccurredAt = WireTime.ToTimestamp(step.OccurredAt),
                Channel = (V1.Channel)step.Channel,
                Description = step.Description,
                Rejected = step.Rejected,
                RejectionReason = step.RejectionReason ?? string.Empty,
            });
        }
    }

    /// <summary>The update time, unset while no event of the item was accepted.</summary>
    private static Google.Protobuf.WellKnownTypes.Timestamp? UpdatedAt(LifecycleItem item) =>
        item.UpdatedAt == default ? null : WireTime.ToTimestamp(item.UpdatedAt);
}
