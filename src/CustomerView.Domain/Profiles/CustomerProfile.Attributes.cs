using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>An identifier the customer holds, or held (an unlinked one is kept as a tombstone so late links lose).</summary>
/// <param name="Kind">Phone, card, account or national id.</param>
/// <param name="Key">The normalised key the lookup index uses.</param>
/// <param name="Display">What a person may be shown.</param>
/// <param name="Shared">Whether others share it.</param>
/// <param name="LinkedAt">When it was (last) linked or unlinked.</param>
public sealed record LinkedIdentifier(IdentifierKind Kind, string Key, string Display, bool Shared, DateTimeOffset LinkedAt);

public sealed partial class CustomerProfile
{
    private const int MaxTombstones = 64;
    private readonly Dictionary<string, IdentifierState> _identifiers = new(StringComparer.Ordinal);

    /// <summary>The identifiers the customer holds now, ordered by kind and key.</summary>
    public IReadOnlyList<LinkedIdentifier> Identifiers
    {
        get
        {
            var list = new List<LinkedIdentifier>(_identifiers.Count);
            foreach (var state in _identifiers.Values)
            {
                if (state.Linked)
                {
                    list.Add(state.Identifier);
                }
            }

            list.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Key, b.Key));
            return list;
        }
    }

    private ApplyResult ApplyAttributes(DomainEvent e, AttributesChanged change)
    {
        var error = ValidateAttributes(change, e.OccurredAt, out var phone);
        if (error is not null)
        {
            return ApplyResult.Invalid(error);
        }

        return Attributes.Offer(change, phone, StampOf(e)) ? ApplyResult.Applied(ProfileSections.Attributes) : ApplyResult.Unchanged;
    }

    private ApplyResult ApplyIdentifier(DomainEvent e, IdentifierKind kind, string value, bool linked, bool shared)
    {
        if (!_options.Identifiers.TryNormalize(kind, value, out var id, out var error))
        {
            return ApplyResult.Invalid(error);
        }

        var stamp = StampOf(e);
        var mapKey = IdentifierMapKey(kind, id.Key);
        if (_identifiers.TryGetValue(mapKey, out var current))
        {
            if (!stamp.IsNewerThan(current.Stamp))
            {
                return ApplyResult.Unchanged;
            }

            var visible = current.Linked != linked || (linked && current.Identifier.Shared != shared);
            _identifiers[mapKey] = new(new(kind, id.Key, id.Display, shared, e.OccurredAt), linked, stamp);
            return visible ? ApplyResult.Applied(ProfileSections.Identifiers) : ApplyResult.Unchanged;
        }

        _identifiers[mapKey] = new(new(kind, id.Key, id.Display, shared, e.OccurredAt), linked, stamp);
        if (!linked)
        {
            TrimTombstones();
        }

        return linked ? ApplyResult.Applied(ProfileSections.Identifiers) : ApplyResult.Unchanged;
    }

    private void TrimTombstones()
    {
        var tombstones = 0;
        string? oldestKey = null;
        var oldest = Stamp.Never;
        foreach (var (key, state) in _identifiers)
        {
            if (state.Linked)
            {
                continue;
            }

            tombstones++;
            if (oldestKey is null || oldest.IsNewerThan(state.Stamp))
            {
                oldestKey = key;
                oldest = state.Stamp;
            }
        }

        if (tombstones > MaxTombstones && oldestKey is not null)
        {
            _identifiers.Remove(oldestKey);
        }
    }

    private string? ValidateAttributes(AttributesChanged change, DateTimeOffset occurredAt, out string? phone)
    {
        phone = null;
        if (change.ContactPhone is { Length: > 0 } rawPhone)
        {
            if (!_options.Identifiers.TryNormalizePhone(rawPhone, out phone, out var phoneError))
            {
                return "contact phone: " + phoneError;
            }
        }
        else if (change.ContactPhone is not null)
        {
            phone = string.Empty;
        }

        if (change.Email is { Length: > 0 } email && (email.Length > 254 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.Contains(' ', StringComparison.Ordinal)))
        {
            return $"email '{email}' is not an e-mail address";
        }

        if (change.PreferredLanguage is { Length: > 0 } language && !IsLanguageTag(language))
        {
            return $"preferred language '{language}' is not a BCP 47 language tag";
        }

        if (change.DateOfBirth is { } dob && (dob.Year < 1900 || dob > DateOnly.FromDateTime(occurredAt.UtcDateTime.AddDays(1))))
        {
            return $"date of birth {dob:yyyy-MM-dd} is not plausible";
        }

        if (change.PreferredChannel is { } channel && channel is < Channel.Unspecified or > Channel.RelationshipManager)
        {
            return $"preferred channel {(int)channel} is not a known channel";
        }

        if (change.Accessibility is { } accessibility)
        {
            if (accessibility.Needs is null)
            {
                return "accessibility needs are missing";
            }

            foreach (var need in accessibility.Needs)
            {
                if (need is < AccessibilityNeed.Unspecified or > AccessibilityNeed.EasyRead)
                {
                    return $"accessibility need {(int)need} is not known";
                }
            }
        }

        return TooLong(change.FullName, 200, "full name")
            ?? TooLong(change.PreferredName, 200, "preferred name")
            ?? TooLong(change.PostalAddress, 500, "postal address")
            ?? TooLong(change.Segment, 64, "segment")
            ?? TooLong(change.Tier, 64, "tier")
            ?? TooLong(change.Accessibility?.Note, 500, "accessibility note");
    }

    private static string? TooLong(string? value, int max, string what) =>
        value is not null && value.Length > max ? $"{what} is longer than {max} characters" : null;

    private static bool IsLanguageTag(string tag)
    {
        if (tag.Length is < 2 or > 35)
        {
            return false;
        }

        var subtagLength = 0;
        for (var i = 0; i < tag.Length; i++)
        {
            var c = tag[i];
            if (c == '-')
            {
                if (subtagLength == 0 || i == tag.Length - 1)
                {
                    return false;
                }

                subtagLength = 0;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || ++subtagLength > 8 || (i < 2 && !char.IsAsciiLetter(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static string IdentifierMapKey(IdentifierKind kind, string key) =>
        string.Concat(((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture), "|", key);

    private readonly record struct IdentifierState(LinkedIdentifier Identifier, bool Linked, Stamp Stamp);
}
