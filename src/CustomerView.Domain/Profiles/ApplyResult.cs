namespace CustomerView.Domain.Profiles;

/// <summary>What applying an event did.</summary>
public enum ApplyOutcome
{
    /// <summary>The event was taken into the profile (it may have changed nothing visible, e.g. an older attribute value).</summary>
    Applied = 0,
    /// <summary>An event with this id was already applied; nothing changed.</summary>
    Duplicate = 1,
    /// <summary>The event is valid but its transition is illegal (completing a cancelled task); recorded with the reason.</summary>
    Rejected = 2,
    /// <summary>The event fails validation (a malformed phone, a missing id); nothing changed and nothing recorded.</summary>
    Invalid = 3,
}

/// <summary>Parts of a profile an event changed.</summary>
[Flags]
public enum ProfileSections
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Attributes and preferences.</summary>
    Attributes = 1 << 0,
    /// <summary>Linked identifiers.</summary>
    Identifiers = 1 << 1,
    /// <summary>Interaction history and counters.</summary>
    Interactions = 1 << 2,
    /// <summary>Cross-channel tasks.</summary>
    Tasks = 1 << 3,
    /// <summary>Complaints.</summary>
    Complaints = 1 << 4,
    /// <summary>Appointments.</summary>
    Appointments = 1 << 5,
    /// <summary>Feedback.</summary>
    Feedback = 1 << 6,
    /// <summary>The rejected-event log.</summary>
    Rejections = 1 << 7,
}

/// <summary>The description of what applying one event changed.</summary>
/// <param name="Outcome">Applied, duplicate, rejected or invalid.</param>
/// <param name="Changed">The sections that changed; <see cref="ProfileSections.None"/> when nothing did.</param>
/// <param name="Reason">Why the event was rejected or invalid; <see langword="null"/> otherwise.</param>
public readonly record struct ApplyResult(ApplyOutcome Outcome, ProfileSections Changed, string? Reason)
{
    /// <summary>Whether the profile changed.</summary>
    public bool HasChanges => Changed != ProfileSections.None;

    internal static ApplyResult Duplicate { get; } = new(ApplyOutcome.Duplicate, ProfileSections.None, null);

    internal static ApplyResult Unchanged { get; } = new(ApplyOutcome.Applied, ProfileSections.None, null);

    internal static ApplyResult Applied(ProfileSections changed) => new(ApplyOutcome.Applied, changed, null);

    internal static ApplyResult Invalid(string reason) => new(ApplyOutcome.Invalid, ProfileSections.None, reason);

    internal static ApplyResult Rejected(ProfileSections changed, string reason) =>
        new(ApplyOutcome.Rejected, changed | ProfileSections.Rejections, reason);
}
