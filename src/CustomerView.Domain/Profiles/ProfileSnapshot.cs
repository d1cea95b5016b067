using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>A value with the stamp it was written with (occurrence ticks, event id), for last-writer-wins state.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Ticks">UTC ticks of the event that wrote it.</param>
/// <param name="EventId">The event that wrote it.</param>
public sealed record Stamped<T>(T Value, long Ticks, string EventId);

/// <summary>Every attribute register with its stamp; <see langword="null"/> where never written.</summary>
public sealed record AttributesSnapshot
{
    /// <summary>Full name.</summary>
    public Stamped<string>? FullName { get; init; }

    /// <summary>Preferred name.</summary>
    public Stamped<string>? PreferredName { get; init; }

    /// <summary>E-mail.</summary>
    public Stamped<string>? Email { get; init; }

    /// <summary>Contact phone (E.164).</summary>
    public Stamped<string>? ContactPhone { get; init; }

    /// <summary>Postal address.</summary>
    public Stamped<string>? PostalAddress { get; init; }

    /// <summary>Preferred language.</summary>
    public Stamped<string>? PreferredLanguage { get; init; }

    /// <summary>Accessibility needs.</summary>
    public Stamped<AccessibilitySet>? Accessibility { get; init; }

    /// <summary>Segment.</summary>
    public Stamped<string>? Segment { get; init; }

    /// <summary>Tier.</summary>
    public Stamped<string>? Tier { get; init; }

    /// <summary>Marketing consent.</summary>
    public Stamped<bool>? MarketingConsent { get; init; }

    /// <summary>Date of birth.</summary>
    public Stamped<DateOnly>? DateOfBirth { get; init; }

    /// <summary>Preferred channel.</summary>
    public Stamped<Channel>? PreferredChannel { get; init; }
}

/// <summary>An identifier's register: linked or (a tombstone) unlinked.</summary>
/// <param name="Identifier">The identifier.</param>
/// <param name="Linked">Whether it is linked now.</param>
/// <param name="Ticks">UTC ticks of the event that decided it.</param>
/// <param name="EventId">The event that decided it.</param>
public sealed record IdentifierSnapshot(LinkedIdentifier Identifier, bool Linked, long Ticks, string EventId);

/// <summary>Per-channel totals.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Count">Interactions.</param>
/// <param name="LastTicks">UTC ticks of the newest.</param>
/// <param name="WaitingTicks">Sum of reported waiting times.</param>
/// <param name="WaitingCount">How many reported one.</param>
/// <param name="HandlingTicks">Sum of reported handling times.</param>
/// <param name="HandlingCount">How many reported one.</param>
public sealed record ChannelTotalsSnapshot(Channel Channel, long Count, long LastTicks, long WaitingTicks, long WaitingCount, long HandlingTicks, long HandlingCount);

/// <summary>Contacts per channel on one business day.</summary>
/// <param name="DayNumber">The day (<see cref="DateOnly.DayNumber"/>).</param>
/// <param name="Counts">Contacts indexed by <see cref="Channel"/>.</param>
public sealed record DailyContactsSnapshot(int DayNumber, IReadOnlyList<int> Counts);

/// <summary>One lifecycle event of a task, complaint or appointment.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Channel">Where it happened.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Payload">The lifecycle event.</param>
public sealed record LifecycleEventSnapshot(string EventId, Channel Channel, DateTimeOffset OccurredAt, LifecycleEvent Payload);

/// <summary>
/// Everything a <see cref="CustomerProfile"/> holds, to persist it and restore it elsewhere (after a restart, on
/// the node that takes over the customer's partition). Restoring gives a profile that shows and behaves the same,
/// de-duplication memory included.
/// </summary>
public sealed record ProfileSnapshot
{
    /// <summary>The customer id.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The revision.</summary>
    public long Revision { get; init; }

    /// <summary>Occurrence time of the newest event applied.</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>Attribute registers.</summary>
    public AttributesSnapshot Attributes { get; init; } = new();

    /// <summary>Identifier registers, tombstones included.</summary>
    public IReadOnlyList<IdentifierSnapshot> Identifiers { get; init; } = [];

    /// <summary>Retained interaction history, oldest first.</summary>
    public IReadOnlyList<InteractionEntry> Interactions { get; init; } = [];

    /// <summary>Interactions folded out of the history.</summary>
    public long FoldedInteractions { get; init; }

    /// <summary>All interactions applied.</summary>
    public long TotalInteractions { get; init; }

    /// <summary>Interactions that said whether they were resolved at first contact.</summary>
    public long FirstContactKnown { get; init; }

    /// <summary>Interactions resolved at first contact.</summary>
    public long FirstContactResolved { get; init; }

    /// <summary>Per-channel totals.</summary>
    public IReadOnlyList<ChannelTotalsSnapshot> Channels { get; init; } = [];

    /// <summary>Daily contact buckets.</summary>
    public IReadOnlyList<DailyContactsSnapshot> DailyContacts { get; init; } = [];

    /// <summary>Retained feedback, oldest first.</summary>
    public IReadOnlyList<FeedbackEntry> Feedback { get; init; } = [];

    /// <summary>All feedback applied.</summary>
    public long FeedbackCount { get; init; }

    /// <summary>Sum of satisfaction answers.</summary>
    public long SatisfactionSum { get; init; }

    /// <summary>Number of satisfaction answers.</summary>
    public long SatisfactionCount { get; init; }

    /// <summary>NPS answers 9–10.</summary>
    public long Promoters { get; init; }

    /// <summary>NPS answers 0–6.</summary>
    public long Detractors { get; init; }

    /// <summary>Number of NPS answers.</summary>
    public long NpsCount { get; init; }

    /// <summary>Lifecycle logs of tasks, complaints and appointments (their state is re-derived from them).</summary>
    public IReadOnlyList<LifecycleEventSnapshot> LifecycleEvents { get; init; } = [];

    /// <summary>Tasks retired after closing.</summary>
    public long RetiredTasks { get; init; }

    /// <summary>Recently applied events by <see cref="Identity.EventId.StableHash"/> of their ids, oldest first.</summary>
    public IReadOnlyList<ulong> RecentEventHashes { get; init; } = [];
}
