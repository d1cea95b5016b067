using CustomerView.Domain.Profiles;
using CustomerView.Domain.Events;

namespace CustomerView.Domain.Lifecycles;

/// <summary>One lifecycle event of a task, complaint or appointment, as shown to people.</summary>
/// <param name="EventId">The event.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Channel">Where it happened.</param>
/// <param name="Description">One line saying what happened.</param>
/// <param name="RejectionReason">Why the transition was refused; <see langword="null"/> when it was accepted.</param>
public sealed record LifecycleStep(string EventId, DateTimeOffset OccurredAt, Channel Channel, string Description, string? RejectionReason)
{
    /// <summary>Whether the transition was refused.</summary>
    public bool Rejected => RejectionReason is not null;
}

/// <summary>An entry of a lifecycle log, ordered by occurrence time and then event id.</summary>
internal readonly record struct LifecycleEntry(long Ticks, string EventId, Channel Channel, DateTimeOffset OccurredAt, LifecycleEvent Payload)
{
    public static int Compare(in LifecycleEntry a, long ticks, string eventId)
    {
        var byTime = a.Ticks.CompareTo(ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.EventId, eventId);
    }
}

/// <summary>
/// A task, complaint or appointment. Its state is a fold of its state machine over its own events sorted
/// by occurrence time (creation first), so it is the same whatever order the events arrived in, and an
/// illegal transition is recorded with its reason rather than thrown.
/// </summary>
public abstract class LifecycleItem
{
    private readonly List<LifecycleEntry> _log = [];
    private string?[] _rejections = [];

    private protected LifecycleItem(string id) => Id = id;

    /// <summary>The task, complaint or appointment id.</summary>
    public string Id { get; }

    /// <summary>Whether the item still needs someone to act.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>Whether nothing can change the item any more, so it may be retired from the profile.</summary>
    public virtual bool IsFinal => !IsOpen;

    /// <summary>Occurrence time of the newest accepted event.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The lifecycle events, oldest first, with the reason where one was refused.</summary>
    public IReadOnlyList<LifecycleStep> History
    {
        get
        {
            var steps = new LifecycleStep[_log.Count];
            for (var i = 0; i < steps.Length; i++)
            {
                var e = _log[i];
                steps[i] = new(e.EventId, e.OccurredAt, e.Channel, Describe(e.Payload), _rejections[i]);
            }

            return steps;
        }
    }

    internal int LogCount => _log.Count;

    internal ReadOnlySpan<string?> Rejections => _rejections.AsSpan(0, _log.Count);

    internal LifecycleEntry EntryAt(int index) => _log[index];

    /// <summary>Whether an event with this id and time is already in the log.</summary>
    internal bool Contains(long ticks, string eventId) => Find(ticks, eventId) >= 0;

    /// <summary>Adds <paramref name="entry"/> in occurrence order and re-folds the state.</summary>
    /// <returns>The reason the entry's transition is refused, or <see langword="null"/> when accepted.</returns>
    internal string? Insert(in LifecycleEntry entry, ProfileOptions rules)
    {
        var index = ~Find(entry.Ticks, entry.EventId);
        _log.Insert(index, entry);
        if (_rejections.Length < _log.Count)
        {
            Array.Resize(ref _rejections, Math.Max(4, _rejections.Length * 2));
        }

        Refold(rules);
        return _rejections[index];
    }

    /// <summary>Re-derives the state from the log.</summary>
    internal void Refold(ProfileOptions rules)
    {
        Reset();
        UpdatedAt = default;
        var creation = -1;
        for (var i = 0; i < _log.Count; i++)
        {
            if (IsCreation(_log[i].Payload))
            {
                creation = i;
                break;
            }
        }

        long updated = long.MinValue;
        if (creation >= 0)
        {
            Create(_log[creation], rules);
            _rejections[creation] = null;
            updated = _log[creation].Ticks;
            UpdatedAt = _log[creation].OccurredAt;
        }
        else
        {
            CreateUnknown(_log[0]);
        }

        for (var i = 0; i < _log.Count; i++)
        {
            if (i == creation)
            {
                continue;
            }

            var reason = Transition(_log[i], rules);
            _rejections[i] = reason;
            if (reason is null && _log[i].Ticks >= updated)
            {
                updated = _log[i].Ticks;
                UpdatedAt = _log[i].OccurredAt;
            }
        }
    }

    private protected abstract void Reset();

    private protected abstract bool IsCreation(LifecycleEvent payload);

    private protected abstract void Create(in LifecycleEntry entry, ProfileOptions rules);

    /// <summary>Starts the state from an event that is not the creation (the creation is unseen so far).</summary>
    private protected abstract void CreateUnknown(in LifecycleEntry first);

    /// <summary>Applies one transition; returns why it is refused, or <see langword="null"/>.</summary>
    private protected abstract string? Transition(in LifecycleEntry entry, ProfileOptions rules);

    private protected abstract string Describe(LifecycleEvent payload);

    private int Find(long ticks, string eventId)
    {
        int lo = 0, hi = _log.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = LifecycleEntry.Compare(_log[mid], ticks, eventId);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
