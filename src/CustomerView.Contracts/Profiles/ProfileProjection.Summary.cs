using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using Google.Protobuf.Collections;

namespace CustomerView.Contracts.Profiles;

public static partial class ProfileProjection
{
    private static V1.Attributes ToAttributes(CustomerAttributes a)
    {
        var accessibility = a.Accessibility;
        var m = new V1.Attributes
        {
            FullName = a.FullName,
            PreferredName = a.PreferredName,
            Email = a.Email,
            ContactPhone = a.ContactPhone,
            PostalAddress = a.PostalAddress,
            PreferredLanguage = a.PreferredLanguage,
            AccessibilityNote = accessibility.Note,
            Segment = a.Segment,
            Tier = a.Tier,
            DateOfBirth = a.DateOfBirth is { } dob ? WireDate.ToText(dob) : string.Empty,
            PreferredChannel = (V1.Channel)a.PreferredChannel,
        };

        foreach (var need in accessibility.Needs)
        {
            m.AccessibilityNeeds.Add((V1.AccessibilityNeed)need);
        }

        if (a.MarketingConsent is { } consent)
        {
            m.MarketingConsent = consent;
        }

        return m;
    }

    private static void AddIdentifiers(IReadOnlyList<LinkedIdentifier> identifiers, RepeatedField<V1.Identifier> into)
    {
        foreach (var id in identifiers)
        {
            into.Add(new V1.Identifier
            {
                Kind = (V1.IdentifierKind)id.Kind,
                DisplayValue = id.Display,
                Shared = id.Shared,
                LinkedAt = WireTime.ToTimestamp(id.LinkedAt),
            });
        }
    }

    private static void AddAlerts(IReadOnlyList<Alert> alerts, RepeatedField<V1.Alert> into)
    {
        foreach (var alert in alerts)
        {
            into.Add(ToAlert(alert));
        }
    }

    /// <summary>The contract alert for <paramref name="alert"/>; kinds and severities map by value.</summary>
    internal static V1.Alert ToAlert(Alert alert) => new()
    {
        Kind = (V1.AlertKind)alert.Kind,
        Severity = (V1.AlertSeverity)alert.Severity,
        Message = alert.Message,
        SubjectId = alert.SubjectId,
        DueAt = WireTime.ToTimestamp(alert.DueAt),
    };

    /// <summary>The contract figures; contacts in the last 30 days only for channels with any.</summary>
    internal static V1.Figures ToFigures(ProfileFigures f)
    {
        var m = new V1.Figures
        {
            TotalInteractions = f.TotalInteractions,
            FeedbackCount = f.FeedbackCount,
            OpenTasks = f.OpenTasks,
            OpenComplaints = f.OpenComplaints,
        };

        if (f.FirstContactResolutionRate is { } fcr)
        {
            m.FirstContactResolutionRate = fcr;
        }

        if (f.AverageSatisfaction is { } satisfaction)
        {
            m.AverageSatisfaction = satisfaction;
        }

        if (f.NetPromoterScore is { } nps)
        {
            m.NetPromoterScore = nps;
        }

        var contacts = f.ContactsLast30Days;
        for (var channel = 0; channel < contacts.Count; channel++)
        {
            if (contacts[channel] > 0)
            {
                m.ContactsLast30Days.Add(new V1.ChannelCount { Channel = (V1.Channel)channel, Count = contacts[channel] });
            }
        }

        return m;
    }
}
