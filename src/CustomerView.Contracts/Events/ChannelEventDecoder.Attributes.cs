using CustomerView.Contracts.Mapping;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Events;

public sealed partial class ChannelEventDecoder
{
    /// <summary>The longest contact phone passed on, the same bound the identifier normaliser applies to identifiers.</summary>
    private const int MaxPhoneLength = 64;

    /// <summary>Maps attribute changes: an unset optional field is <see langword="null"/> ("not changed").</summary>
    private static AttributesChanged MapAttributes(V1.ProfileAttributesChanged m, ref string? error) => new()
    {
        FullName = m.HasFullName ? m.FullName : null,
        PreferredName = m.HasPreferredName ? m.PreferredName : null,
        Email = m.HasEmail ? m.Email : null,
        ContactPhone = m.HasContactPhone ? MapPhone(m.ContactPhone, ref error) : null,
        PostalAddress = m.HasPostalAddress ? m.PostalAddress : null,
        PreferredLanguage = m.HasPreferredLanguage ? m.PreferredLanguage : null,
        Accessibility = m.AccessibilityNeeds is { } needs ? MapAccessibility(needs, ref error) : null,
        Segment = m.HasSegment ? m.Segment : null,
        Tier = m.HasTier ? m.Tier : null,
        MarketingConsent = m.HasMarketingConsent ? m.MarketingConsent : null,
        DateOfBirth = m.HasDateOfBirth ? MapDate(m.DateOfBirth, ref error) : null,
        PreferredChannel = m.HasPreferredChannel ? Known((Channel)m.PreferredChannel, "attributes_changed.preferred_channel", ref error) : null,
    };

    /// <summary>
    /// Refuses overlong contact phones before they reach the profile: its phone normaliser stack-allocates the whole
    /// text, so a phone of hundreds of thousands of characters (which a 1 MiB record can carry) would overflow the stack.
    /// </summary>
    private static string? MapPhone(string phone, ref string? error)
    {
        if (phone.Length <= MaxPhoneLength)
        {
            return phone;
        }

        error ??= $"attributes_changed.contact_phone is longer than {MaxPhoneLength} characters";
        return null;
    }

    private static AccessibilitySet MapAccessibility(V1.AccessibilityNeeds m, ref string? error)
    {
        var wire = m.Needs;
        var needs = new AccessibilityNeed[wire.Count];
        for (var i = 0; i < needs.Length; i++)
        {
            needs[i] = Known((AccessibilityNeed)wire[i], "attributes_changed.accessibility_needs.needs", ref error);
        }

        return new AccessibilitySet(needs, m.Note);
    }

    private static DateOnly? MapDate(string text, ref string? error)
    {
        if (WireDate.TryParse(text, out var date))
        {
            return date;
        }

        error ??= $"attributes_changed.date_of_birth '{Truncate(text, 32)}' is not a date YYYY-MM-DD";
        return null;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
