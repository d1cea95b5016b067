using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Lifecycles;

/// <summary>Where a complaint's reply clock stands at an instant.</summary>
public enum ComplaintClockState
{
    /// <summary>Not known (the filing is unseen).</summary>
    Unspecified = 0,
    /// <summary>Open, with time left.</summary>
    OnTime = 1,
    /// <summary>Open, deadline within the due-soon window.</summary>
    DueSoon = 2,
    /// <summary>Open, deadline passed.</summary>
    Overdue = 3,
    /// <summary>Resolved by the deadline.</summary>
    ResolvedOnTime = 4,
    /// <summary>Resolved after the deadline.</summary>
    ResolvedLate = 5,
}

/// <summary>
/// A complaint with its regulatory reply clock: filed → acknowledged → escalated* → resolved →
/// confirmed by the customer (closed) or reopened. The deadline comes from the <see cref="ComplaintPolicy"/>
/// rule for its category and severity; a first extension moves it to the extended period, a second needs
/// an approver, a third is refused.
/// </summary>
public sealed class ComplaintItem : LifecycleItem
{
    internal ComplaintItem(string id)
        : base(id)
    {
    }

    /// <summary>The category, e.g. "fees".</summary>
    public string Category { get; private set; } = string.Empty;

    /// <summary>How severe it is.</summary>
    public ComplaintSeverity Severity { get; private set; }

    /// <summary>Where it stands.</summary>
    public ComplaintStatus Status { get; private set; }

    /// <summary>What the customer complained about.</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>The channel it was filed in.</summary>
    public Channel FiledIn { get; private set; }

    /// <summary>When it was filed; <see langword="null"/> while the filing is unseen.</summary>
    public DateTimeOffset? FiledAt { get; private set; }

    /// <summary>The reply deadline; <see langword="null"/> while the filing is unseen.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Extensions granted so far.</summary>
    public int Extensions { get; private set; }

    /// <summary>When it was last resolved; <see langword="null"/> while open.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>The last resolution given.</summary>
    public string Resolution { get; private set; } = string.Empty;

    /// <summary>Who handles it.</summary>
    public string HandlerId { get; private set; } = string.Empty;

    /// <summary>How often it was escalated.</summary>
    public int Escalations { get; private set; }

    /// <summary>How often the customer reopened it.</summary>
    public int ReopenCount { get; private set; }

    /// <inheritdoc />
    public override bool IsOpen => Status is not (ComplaintStatus.Resolved or ComplaintStatus.Confirmed);

    /// <summary>Whether the complaint is closed for good (the customer confirmed the resolution).</summary>
    public override bool IsFinal => Status == ComplaintStatus.Confirmed;

    /// <summary>Where the reply clock stands at <paramref name="now"/>.</summary>
    public ComplaintClockState ClockAt(DateTimeOffset now, TimeSpan dueSoonWithin)
    {
        if (DueAt is not { } due)
        {
            return ComplaintClockState.Unspecified;
        }

        if (!IsOpen)
        {
            return ResolvedAt <= due ? ComplaintClockState.ResolvedOnTime : ComplaintClockState.ResolvedLate;
        }

        if (now > due)
        {
            return ComplaintClockState.Overdue;
        }

        return due - now <= dueSoonWithin ? ComplaintClockState.DueSoon : ComplaintClockState.OnTime;
    }

    private protected override void Reset()
    {
        Category = Description = Resolution = HandlerId = string.Empty;
        Severity = ComplaintSeverity.Unspecified;
        Status = ComplaintStatus.Unspecified;
        FiledIn = Channel.Unspecified;
        FiledAt = DueAt = ResolvedAt = null;
        Extensions = Escalations = ReopenCount = 0;
    }

    private protected override bool IsCreation(LifecycleEvent payload) => payload is ComplaintFiled;

    private protected override void Create(in LifecycleEntry entry, ProfileOptions rules)
    {
        var filed = (ComplaintFiled)entry.Payload;
        Category = filed.Category;
        Severity = filed.Severity;
        Description = filed.Description;
        Status = ComplaintStatus.Filed;
        FiledIn = entry.Channel;
        FiledAt = entry.OccurredAt;
        DueAt = entry.OccurredAt + rules.Complaints.RuleFor(Category, Severity).ReplyWithin;
    }

    private protected override void CreateUnknown(in LifecycleEntry first)
    {
        Status = ComplaintStatus.UnknownFiling;
        FiledIn = first.Channel;
    }

    private protected override string? Transition(in LifecycleEntry entry, ProfileOptions rules)
    {
        switch (entry.Payload)
        {
            case ComplaintFiled:
                return "complaint was already filed by an earlier event";
            case ComplaintAcknowledged ack:
                if (!IsOpen)
                {
                    return NotAllowed(entry.Payload);
                }

                HandlerId = ack.HandlerId;
                Status = Keep(Status == ComplaintStatus.Escalated ? ComplaintStatus.Escalated : ComplaintStatus.Acknowledged);
                return null;
            case ComplaintEscalated:
                if (!IsOpen)
                {
                    return NotAllowed(entry.Payload);
                }

                Escalations++;
                Status = Keep(ComplaintStatus.Escalated);
                return null;
            case ComplaintDeadlineExtended extension:
                return Extend(extension, rules);
            case ComplaintResolved resolved:
                if (!IsOpen)
                {
                    return NotAllowed(entry.Payload);
                }

                Status = ComplaintStatus.Resolved;
                ResolvedAt = entry.OccurredAt;
                Resolution = resolved.Resolution;
                return null;
            case ComplaintConfirmed:
                if (Status != ComplaintStatus.Resolved)
                {
                    return $"only a resolved complaint can be confirmed; it is {Status}";
                }

                Status = ComplaintStatus.Confirmed;
                return null;
            case ComplaintReopened:
                if (Status != ComplaintStatus.Resolved)
                {
                    return $"only a resolved complaint can be reopened; it is {Status}";
                }

                Status = ComplaintStatus.Reopened;
                ResolvedAt = null;
                ReopenCount++;
                return null;
            default:
                return $"{entry.Payload.Name} is not a complaint event";
        }
    }

    private protected override string Describe(LifecycleEvent payload) => payload switch
    {
        ComplaintFiled f => $"filed ({f.Category}, {f.Severity}): {f.Description}",
        ComplaintAcknowledged a => $"acknowledged by {a.HandlerId}",
        ComplaintEscalated e => $"escalated to {e.ToTeam}: {e.Reason}",
        ComplaintDeadlineExtended x => x.ApprovedBy.Length > 0 ? $"deadline extended (approved by {x.ApprovedBy}): {x.Reason}" : $"deadline extended: {x.Reason}",
        ComplaintResolved r => $"resolved: {r.Resolution}",
        ComplaintConfirmed => "resolution confirmed by the customer",
        ComplaintReopened r => $"reopened: {r.Reason}",
        _ => payload.Name,
    };

    private string? Extend(ComplaintDeadlineExtended extension, ProfileOptions rules)
    {
        if (!IsOpen)
        {
            return NotAllowed(extension);
        }

        if (FiledAt is not { } filed)
        {
            return "the deadline of a complaint whose filing is unseen cannot be extended";
        }

        var rule = rules.Complaints.RuleFor(Category, Severity);
        switch (Extensions)
        {
            case 0:
                DueAt = filed + rule.ExtendedReplyWithin;
                break;
            case 1 when extension.ApprovedBy.Length == 0:
                return "a further extension needs an approver";
            case 1:
                DueAt = filed + rule.ExtendedReplyWithin + rule.FurtherExtension;
                break;
            default:
                return "the deadline was already extended twice";
        }

        Extensions++;
        return null;
    }

    private ComplaintStatus Keep(ComplaintStatus next) => Status == ComplaintStatus.UnknownFiling ? Status : next;

    private string NotAllowed(LifecycleEvent payload) => $"complaint is {Status}; {payload.Name} is not allowed";
}
