using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Events;

public static partial class ChannelEventEncoder
{
    /// <summary>Sets exactly the present attributes, so "not changed" stays unset on the wire.</summary>
    private static V1.ProfileAttributesChanged EncodeAttributes(AttributesChanged p)
    {
        var m = new V1.ProfileAttributesChanged();
        if (p.FullName is { } fullName)
        {
            m.FullName = fullName;
        }

        if (p.PreferredName is { } preferredName)
        {
            m.PreferredName = preferredName;
        }

        if (p.Email is { } email)
        {
            m.Email = email;
        }

        if (p.ContactPhone is { } phone)
        {
            m.ContactPhone = phone;
        }

        if (p.PostalAddress is { } address)
        {
            m.PostalAddress = address;
        }

        if (p.PreferredLanguage is { } language)
        {
            m.PreferredLanguage = language;
        }

        if (p.Accessibility is { } accessibility)
        {
            m.AccessibilityNeeds = EncodeAccessibility(accessibility);
        }

        if (p.Segment is { } segment)
        {
            m.Segment = segment;
        }

        if (p.Tier is { } tier)
        {
            m.Tier = tier;
        }

        if (p.MarketingConsent is { } consent)
        {
            m.MarketingConsent = consent;
        }

        if (p.DateOfBirth is { } dateOfBirth)
        {
            m.DateOfBirth = WireDate.ToText(dateOfBirth);
        }

        if (p.PreferredChannel is { } channel)
        {
            m.PreferredChannel = (V1.Channel)channel;
        }

        return m;
    }

    private static V1.AccessibilityNeeds EncodeAccessibility(AccessibilitySet set)
    {
        var m = new V1.AccessibilityNeeds { Note = set.Note ?? string.Empty };
        if (set.Needs is { } needs)
        {
            foreach (var need in needs)
            {
                m.Needs.Add((V1.AccessibilityNeed)need);
            }
        }

        return m;
    }
}
