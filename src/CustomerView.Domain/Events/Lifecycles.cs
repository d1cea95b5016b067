namespace CustomerView.Domain.Events;

/// <summary>A change in the lifecycle of a task, complaint or appointment.</summary>
public abstract record LifecycleEvent : EventPayload
{
    private protected LifecycleEvent()
    {
    }

    /// <summary>The id of the task, complaint or appointment.</summary>
    public abstract string SubjectId { get; }
}

/// <summary>A cross-channel task's lifecycle event.</summary>
/// <param name="TaskId">The task.</param>
public abstract record TaskEvent(string TaskId) : LifecycleEvent
{
    /// <inheritdoc />
    public sealed override string SubjectId => TaskId;
}

/// <summary>A task began.</summary>
public sealed record TaskStarted(string TaskId, TaskKind Kind, string Title) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_started";

    /// <summary>When the next action is due.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the task lapses on its own if not completed.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>What must happen next.</summary>
    public string NextAction { get; init; } = string.Empty;
}

/// <summary>A step of a task was done.</summary>
public sealed record TaskStepCompleted(string TaskId, string Step) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_step_completed";

    /// <summary>What must happen next.</summary>
    public string NextAction { get; init; } = string.Empty;

    /// <summary>When the next action is due.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>A task moved to another channel, which must do <see cref="NextAction"/>.</summary>
public sealed record TaskHandedOff(string TaskId, Channel ToChannel, string NextAction) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_handed_off";

    /// <summary>When the next action is due.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>A task waits on the customer or on the bank.</summary>
public sealed record TaskWaiting(string TaskId, WaitingParty On, string Reason) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_waiting";

    /// <summary>When the awaited action is due.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>A task was completed.</summary>
public sealed record TaskCompleted(string TaskId, string Outcome) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_completed";
}

/// <summary>A task was cancelled.</summary>
public sealed record TaskCancelled(string TaskId, string Reason) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_cancelled";
}

/// <summary>A task lapsed at its expiry time.</summary>
public sealed record TaskExpired(string TaskId) : TaskEvent(TaskId)
{
    /// <inheritdoc />
    public override string Name => "task_expired";
}

/// <summary>A complaint's lifecycle event.</summary>
/// <param name="ComplaintId">The complaint.</param>
public abstract record ComplaintEvent(string ComplaintId) : LifecycleEvent
{
    /// <inheritdoc />
    public sealed override string SubjectId => ComplaintId;
}

/// <summary>A complaint was filed.</summary>
public sealed record ComplaintFiled(string ComplaintId, string Category, ComplaintSeverity Severity, string Description)
    : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_filed";
}

/// <summary>A handler acknowledged the complaint.</summary>
public sealed record ComplaintAcknowledged(string ComplaintId, string HandlerId) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_acknowledged";
}

/// <summary>The complaint was escalated.</summary>
public sealed record ComplaintEscalated(string ComplaintId, string ToTeam, string Reason) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_escalated";
}

/// <summary>The reply deadline was extended; a further extension needs <see cref="ApprovedBy"/>.</summary>
public sealed record ComplaintDeadlineExtended(string ComplaintId, string Reason, string ApprovedBy) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_deadline_extended";
}

/// <summary>The bank resolved the complaint.</summary>
public sealed record ComplaintResolved(string ComplaintId, string Resolution) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_resolved";
}

/// <summary>The customer accepted the resolution.</summary>
public sealed record ComplaintConfirmed(string ComplaintId) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_confirmed";
}

/// <summary>The customer reopened a resolved complaint.</summary>
public sealed record ComplaintReopened(string ComplaintId, string Reason) : ComplaintEvent(ComplaintId)
{
    /// <inheritdoc />
    public override string Name => "complaint_reopened";
}

/// <summary>An appointment's lifecycle event.</summary>
/// <param name="AppointmentId">The appointment.</param>
public abstract record AppointmentEvent(string AppointmentId) : LifecycleEvent
{
    /// <inheritdoc />
    public sealed override string SubjectId => AppointmentId;
}

/// <summary>An appointment was booked (or, for a booked one, rescheduled).</summary>
public sealed record AppointmentBooked(string AppointmentId, DateTimeOffset ScheduledAt, string Location, string Purpose)
    : AppointmentEvent(AppointmentId)
{
    /// <inheritdoc />
    public override string Name => "appointment_booked";

    /// <summary>The staff member the appointment is with, when known.</summary>
    public string StaffId { get; init; } = string.Empty;
}

/// <summary>The customer checked in.</summary>
public sealed record AppointmentCheckedIn(string AppointmentId) : AppointmentEvent(AppointmentId)
{
    /// <inheritdoc />
    public override string Name => "appointment_checked_in";
}

/// <summary>The customer was served.</summary>
public sealed record AppointmentServed(string AppointmentId, string StaffId) : AppointmentEvent(AppointmentId)
{
    /// <inheritdoc />
    public override string Name => "appointment_served";
}

/// <summary>The customer did not come.</summary>
public sealed record AppointmentMissed(string AppointmentId) : AppointmentEvent(AppointmentId)
{
    /// <inheritdoc />
    public override string Name => "appointment_missed";
}

/// <summary>The appointment was cancelled.</summary>
public sealed record AppointmentCancelled(string AppointmentId, string Reason) : AppointmentEvent(AppointmentId)
{
    /// <inheritdoc />
    public override string Name => "appointment_cancelled";
}
