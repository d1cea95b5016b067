using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Lifecycles;

/// <summary>
/// A cross-channel task: a loan begun in the app that needs a signature at the branch, a promised callback.
/// Terminal states (completed, cancelled, expired) accept no further transition.
/// </summary>
public sealed class TaskItem : LifecycleItem
{
    internal TaskItem(string id)
        : base(id)
    {
    }

    /// <summary>What kind of task it is.</summary>
    public TaskKind Kind { get; private set; }

    /// <summary>Its title.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>Where it stands.</summary>
    public TaskStatus Status { get; private set; }

    /// <summary>The channel that started it.</summary>
    public Channel StartedIn { get; private set; }

    /// <summary>The channel that must act next.</summary>
    public Channel CurrentChannel { get; private set; }

    /// <summary>What must happen next.</summary>
    public string NextAction { get; private set; } = string.Empty;

    /// <summary>When it started; <see langword="null"/> while the start is unseen.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the next action is due.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When it lapses on its own.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Since when it has waited on the customer (or the bank); <see langword="null"/> when not waiting.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    /// <summary>The outcome, cancellation reason or expiry note once closed.</summary>
    public string ClosingNote { get; private set; } = string.Empty;

    /// <inheritdoc />
    public override bool IsOpen => Status is not (TaskStatus.Completed or TaskStatus.Cancelled or TaskStatus.Expired);

    private protected override void Reset()
    {
        Kind = TaskKind.Unspecified;
        Title = string.Empty;
        Status = TaskStatus.Unspecified;
        StartedIn = CurrentChannel = Channel.Unspecified;
        NextAction = ClosingNote = string.Empty;
        StartedAt = DueAt = ExpiresAt = WaitingSince = null;
    }

    private protected override bool IsCreation(LifecycleEvent payload) => payload is TaskStarted;

    private protected override void Create(in LifecycleEntry entry, ProfileOptions rules)
    {
        var started = (TaskStarted)entry.Payload;
        Kind = started.Kind;
        Title = started.Title;
        Status = TaskStatus.InProgress;
        StartedIn = CurrentChannel = entry.Channel;
        NextAction = started.NextAction;
        StartedAt = entry.OccurredAt;
        DueAt = started.DueAt;
        ExpiresAt = started.ExpiresAt;
    }

    private protected override void CreateUnknown(in LifecycleEntry first)
    {
        Status = TaskStatus.UnknownStart;
        StartedIn = CurrentChannel = first.Channel;
    }

    private protected override string? Transition(in LifecycleEntry entry, ProfileOptions rules)
    {
        if (entry.Payload is TaskStarted)
        {
            return "task was already started by an earlier event";
        }

        if (!IsOpen)
        {
            return $"task is {Describe(Status)}; {entry.Payload.Name} is not allowed";
        }

        switch (entry.Payload)
        {
            case TaskStepCompleted step:
                Status = KeepUnknown(TaskStatus.InProgress);
                WaitingSince = null;
                SetNext(step.NextAction, step.DueAt);
                CurrentChannel = entry.Channel;
                break;
            case TaskHandedOff handoff:
                Status = KeepUnknown(TaskStatus.InProgress);
                WaitingSince = null;
                CurrentChannel = handoff.ToChannel;
                SetNext(handoff.NextAction, handoff.DueAt);
                break;
            case TaskWaiting waiting:
                var status = waiting.On == WaitingParty.Customer ? TaskStatus.WaitingOnCustomer : TaskStatus.WaitingOnBank;
                if (Status != status)
                {
                    WaitingSince = entry.OccurredAt;
                }

                Status = status;
                SetNext(waiting.Reason, waiting.DueAt);
                break;
            case TaskCompleted completed:
                Close(TaskStatus.Completed, completed.Outcome);
                break;
            case TaskCancelled cancelled:
                Close(TaskStatus.Cancelled, cancelled.Reason);
                break;
            case TaskExpired:
                Close(TaskStatus.Expired, "expired");
                break;
            default:
                return $"{entry.Payload.Name} is not a task event";
        }

        return null;
    }

    private protected override string Describe(LifecycleEvent payload) => payload switch
    {
        TaskStarted s => $"started {Describe(s.Kind)}: {s.Title}",
        TaskStepCompleted s => $"step completed: {s.Step}",
        TaskHandedOff h => $"handed off to {h.ToChannel}: {h.NextAction}",
        TaskWaiting w => $"waiting on {(w.On == WaitingParty.Customer ? "customer" : "bank")}: {w.Reason}",
        TaskCompleted c => $"completed: {c.Outcome}",
        TaskCancelled c => $"cancelled: {c.Reason}",
        TaskExpired => "expired",
        _ => payload.Name,
    };

    private TaskStatus KeepUnknown(TaskStatus next) => Status == TaskStatus.UnknownStart ? TaskStatus.UnknownStart : next;

    private void SetNext(string nextAction, DateTimeOffset? dueAt)
    {
        if (nextAction.Length > 0)
        {
            NextAction = nextAction;
        }

        DueAt = dueAt ?? DueAt;
    }

    private void Close(TaskStatus status, string note)
    {
        Status = status;
        ClosingNote = note;
        WaitingSince = null;
        NextAction = string.Empty;
    }

    private static string Describe(TaskStatus status) => status switch
    {
        TaskStatus.Completed => "completed",
        TaskStatus.Cancelled => "cancelled",
        TaskStatus.Expired => "expired",
        _ => status.ToString(),
    };

    private static string Describe(TaskKind kind) => kind switch
    {
        TaskKind.LoanApplication => "loan application",
        TaskKind.AccountOpening => "account opening",
        TaskKind.CardReplacement => "card replacement",
        TaskKind.DocumentSubmission => "document submission",
        TaskKind.Callback => "callback",
        TaskKind.AddressChange => "address change",
        _ => "task",
    };
}
