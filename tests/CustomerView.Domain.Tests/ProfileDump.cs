using System.Globalization;
using System.Text;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Lifecycles;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Tests;

/// <summary>
/// A canonical text of everything a profile shows, for comparing profiles. Leaves out the revision (a count
/// of changes, which depends on arrival order by design) and the de-duplication memory (bookkeeping).
/// </summary>
internal static class ProfileDump
{
    public static string Of(CustomerProfile p, DateTimeOffset? at = null)
    {
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');
        string T(DateTimeOffset? t) => t?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-";

        Line($"customer {p.CustomerId} last {T(p.LastEventAt)}");
        var a = p.Attributes;
        Line($"attrs {a.FullName}|{a.PreferredName}|{a.Email}|{a.ContactPhone}|{a.PostalAddress}|{a.PreferredLanguage}|" +
             $"{string.Join(',', a.Accessibility.Needs)}:{a.Accessibility.Note}|{a.Segment}|{a.Tier}|{a.MarketingConsent}|{a.DateOfBirth}|{a.PreferredChannel}");
        foreach (var id in p.Identifiers)
        {
            Line($"id {id.Kind} {id.Key} {id.Display} {id.Shared} {T(id.LinkedAt)}");
        }

        Line($"interactions total {p.TotalInteractions} folded {p.FoldedInteractions} fcr {p.FirstContactResolved}/{p.FirstContactKnown}");
        foreach (var i in p.Interactions)
        {
            Line($"  {i.EventId} {T(i.OccurredAt)} {i.Channel} {i.Details.Topic}");
        }

        foreach (var c in p.ChannelActivity)
        {
            Line($"channel {c}");
        }

        Line($"feedback {p.FeedbackCount} sat {p.SatisfactionSum}/{p.SatisfactionCount} nps {p.Promoters}-{p.Detractors}/{p.NpsCount}");
        foreach (var f in p.Feedback)
        {
            Line($"  {f.EventId} {T(f.OccurredAt)}");
        }

        foreach (var t in p.Tasks)
        {
            Line($"task {t.Id} {t.Kind} {t.Title} {t.Status} {t.StartedIn}->{t.CurrentChannel} '{t.NextAction}' {T(t.StartedAt)} {T(t.UpdatedAt)} {T(t.DueAt)} {T(t.ExpiresAt)} {T(t.WaitingSince)} '{t.ClosingNote}'");
            Steps(t);
        }

        foreach (var c in p.Complaints)
        {
            Line($"complaint {c.Id} {c.Category} {c.Severity} {c.Status} {T(c.FiledAt)} {T(c.DueAt)} x{c.Extensions} {T(c.ResolvedAt)} '{c.Resolution}' {c.HandlerId} e{c.Escalations} r{c.ReopenCount}");
            Steps(c);
        }

        foreach (var ap in p.Appointments)
        {
            Line($"appointment {ap.Id} {ap.Status} {T(ap.ScheduledAt)} {ap.Location} {ap.Purpose} {ap.StaffId} {ap.BookedIn}");
            Steps(ap);
        }

        foreach (var r in p.RejectedEvents)
        {
            Line($"rejected {r.EventId} {r.SubjectId} {r.Reason}");
        }

        var insight = ProfileInsights.Evaluate(p, at ?? Events.T0.AddDays(3));
        foreach (var alert in insight.Alerts)
        {
            Line($"alert {alert.Kind} {alert.Severity} {alert.SubjectId} {alert.Message}");
        }

        var f2 = insight.Figures;
        Line($"figures {f2.TotalInteractions} {f2.FirstContactResolutionRate} {f2.AverageSatisfaction} {f2.NetPromoterScore} {string.Join(',', f2.ContactsLast30Days)} {f2.OpenTasks} {f2.OpenComplaints}");
        return s.ToString();

        void Steps(LifecycleItem item)
        {
            foreach (var step in item.History)
            {
                Line($"  {step.EventId} {T(step.OccurredAt)} {step.Channel} {step.Description} {step.RejectionReason}");
            }
        }
    }
}
