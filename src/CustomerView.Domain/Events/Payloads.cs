namespace CustomerView.Domain.Events;

/// <summary>A contact with the customer in any channel.</summary>
public sealed record InteractionRecorded : EventPayload
{
    /// <inheritdoc />
    public override string Name => "interaction_recorded";

    /// <summary>What kind of contact it was.</summary>
    public InteractionType Type { get; init; }

    /// <summary>Short topic used to spot repeated contacts, e.g. "card-declined".</summary>
    public string Topic { get; init; } = string.Empty;

    /// <summary>One line about the contact.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Staff member or agent; empty for self-service.</summary>
    public string StaffId { get; init; } = string.Empty;

    /// <summary>How it ended.</summary>
    public InteractionOutcome Outcome { get; init; }

    /// <summary>Whether the matter was resolved at first contact; <see langword="null"/> when not applicable.</summary>
    public bool? ResolvedFirstContact { get; init; }

    /// <summary>Time the customer waited before being served.</summary>
    public TimeSpan? WaitingDuration { get; init; }

    /// <summary>Time spent serving the customer.</summary>
    public TimeSpan? HandlingDuration { get; init; }

    /// <summary>Related task id, when the contact was about one.</summary>
    public string RelatedTaskId { get; init; } = string.Empty;

    /// <summary>Related complaint id, when the contact was about one.</summary>
    public string RelatedComplaintId { get; init; } = string.Empty;
}

/// <summary>
/// Attributes changed at the source. A <see langword="null"/> member means "not changed";
/// each present member resolves last-writer-wins by occurrence time.
/// </summary>
public sealed record AttributesChanged : EventPayload
{
    /// <inheritdoc />
    public override string Name => "attributes_changed";

    /// <summary>Full legal name.</summary>
    public string? FullName { get; init; }

    /// <summary>How the customer likes to be addressed.</summary>
    public string? PreferredName { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Contact phone in any common format; kept in E.164.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>Postal address.</summary>
    public string? PostalAddress { get; init; }

    /// <summary>BCP 47 language tag.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>Replaces the whole set of accessibility needs when present.</summary>
    public AccessibilitySet? Accessibility { get; init; }

    /// <summary>Customer segment, e.g. "retail".</summary>
    public string? Segment { get; init; }

    /// <summary>Tier, e.g. "gold".</summary>
    public string? Tier { get; init; }

    /// <summary>Consent to marketing.</summary>
    public bool? MarketingConsent { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>The channel the customer prefers to be contacted through.</summary>
    public Channel? PreferredChannel { get; init; }
}

/// <summary>A set of accessibility needs with a free-text note.</summary>
/// <param name="Needs">The needs, each at most once.</param>
/// <param name="Note">A note for the person serving, e.g. "interpreter: Cantonese".</param>
public sealed record AccessibilitySet(IReadOnlyList<AccessibilityNeed> Needs, string Note)
{
    /// <summary>No needs.</summary>
    public static AccessibilitySet None { get; } = new([], string.Empty);

    /// <summary>Equal when the notes and the needs, in order, are equal.</summary>
    public bool Equals(AccessibilitySet? other) =>
        other is not null && Note == other.Note && (ReferenceEquals(Needs, other.Needs) || Needs.SequenceEqual(other.Needs));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Note);
        foreach (var need in Needs)
        {
            hash.Add(need);
        }

        return hash.ToHashCode();
    }
}

/// <summary>An identifier now belongs to the customer.</summary>
/// <param name="Kind">Phone, card, account or national id.</param>
/// <param name="Value">The identifier in any common format.</param>
/// <param name="Shared">Whether others share it (a household phone).</param>
public sealed record IdentifierLinked(IdentifierKind Kind, string Value, bool Shared) : EventPayload
{
    /// <inheritdoc />
    public override string Name => "identifier_linked";
}

/// <summary>An identifier no longer belongs to the customer.</summary>
/// <param name="Kind">Phone, card, account or national id.</param>
/// <param name="Value">The identifier in any common format.</param>
public sealed record IdentifierUnlinked(IdentifierKind Kind, string Value) : EventPayload
{
    /// <inheritdoc />
    public override string Name => "identifier_unlinked";
}

/// <summary>Feedback the customer gave.</summary>
public sealed record FeedbackGiven : EventPayload
{
    /// <inheritdoc />
    public override string Name => "feedback_given";

    /// <summary>Satisfaction 1 to 5, when asked.</summary>
    public int? Satisfaction { get; init; }

    /// <summary>Net-promoter answer 0 to 10, when asked.</summary>
    public int? Nps { get; init; }

    /// <summary>Free-text comment.</summary>
    public string Comment { get; init; } = string.Empty;

    /// <summary>The interaction's event id the feedback is about, when known.</summary>
    public string InteractionEventId { get; init; } = string.Empty;
}
