using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Lifecycles;
using CustomerView.Domain.Profiles;

namespace CustomerView.Contracts.Profiles;

/// <summary>
/// Projects a domain <see cref="CustomerProfile"/> and its <see cref="ProfileInsight"/> onto the contract's
/// <c>customerview.v1.CustomerProfile</c> in a <see cref="V1.ProfileView"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="V1.ProfileView.Card"/>: attributes, identifiers, alerts, figures, open tasks, open complaints,
/// open appointments scheduled today or later (in the business time zone; also those whose booking is unseen), the
/// last <see cref="CardInteractions"/> interactions. No channel activity, feedback or rejected events.</item>
/// <item><see cref="V1.ProfileView.Standard"/> (also for unspecified or unknown views): everything but the rejected
/// events, with the newest <see cref="StandardInteractions"/> interactions.</item>
/// <item><see cref="V1.ProfileView.Full"/>: everything the profile holds.</item>
/// </list>
/// Interactions, feedback and rejected events are newest first; tasks, complaints and appointments are ordered by id;
/// alerts keep the insight's order (most severe first). "Now" is the insight's <see cref="ProfileInsight.EvaluatedAt"/>.
/// </remarks>
public static partial class ProfileProjection
{
    /// <summary>Interactions in the card view.</summary>
    public const int CardInteractions = 3;

    /// <summary>Interactions in the standard view.</summary>
    public const int StandardInteractions = 20;

    /// <summary>The view actually served for a requested one: unspecified and unknown values mean standard.</summary>
    public static V1.ProfileView ResolveView(V1.ProfileView view) =>
        view is V1.ProfileView.Card or V1.ProfileView.Full ? view : V1.ProfileView.Standard;

    /// <summary>Projects <paramref name="profile"/> with <paramref name="insight"/> (from <see cref="ProfileInsights.Evaluate"/>) in <paramref name="view"/>.</summary>
    public static V1.CustomerProfile Project(CustomerProfile profile, ProfileInsight insight, V1.ProfileView view)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(insight);
        return ProjectResolved(profile, insight, ResolveView(view), withInteractions: true);
    }

    /// <summary>The newest interactions <paramref name="view"/> (resolved) holds.</summary>
    private static int InteractionLimit(V1.ProfileView view) => view switch
    {
        V1.ProfileView.Card => CardInteractions,
        V1.ProfileView.Standard => StandardInteractions,
        _ => int.MaxValue,
    };

    private static V1.CustomerProfile ProjectResolved(CustomerProfile profile, ProfileInsight insight, V1.ProfileView view, bool withInteractions)
    {
        var card = view == V1.ProfileView.Card;
        var now = insight.EvaluatedAt;
        var result = new V1.CustomerProfile
        {
            CustomerId = profile.CustomerId.Value,
            Revision = profile.Revision,
            LastEventAt = WireTime.ToTimestamp(profile.LastEventAt),
            EvaluatedAt = WireTime.ToTimestamp(now),
            Attributes = ToAttributes(profile.Attributes),
            Figures = ToFigures(insight.Figures),
        };

        AddIdentifiers(profile.Identifiers, result.Identifiers);
        AddAlerts(insight.Alerts, result.Alerts);
        if (withInteractions)
        {
            AddInteractions(profile.Interactions, InteractionLimit(view), result.RecentInteractions);
        }

        foreach (var task in profile.Tasks)
        {
            if (!card || task.IsOpen)
            {
                result.Tasks.Add(ToTask(task));
            }
        }

        var dueSoonWithin = profile.Options.ComplaintDueSoonWithin;
        foreach (var complaint in profile.Complaints)
        {
            if (!card || complaint.IsOpen)
            {
                result.Complaints.Add(ToComplaint(complaint, now, dueSoonWithin));
            }
        }

        var today = BusinessDay(now, profile.Options.BusinessTimeZone);
        foreach (var appointment in profile.Appointments)
        {
            if (!card || IsUpcoming(appointment, today, profile.Options.BusinessTimeZone))
            {
                result.Appointments.Add(ToAppointment(appointment));
            }
        }

        if (!card)
        {
            AddChannelActivity(profile.ChannelActivity, result.ChannelActivity);
            AddFeedback(profile.Feedback, result.RecentFeedback);
        }

        if (view == V1.ProfileView.Full)
        {
            AddRejectedEvents(profile.RejectedEvents, result.RejectedEvents);
        }

        return result;
    }

    private static bool IsUpcoming(AppointmentItem appointment, DateOnly today, TimeZoneInfo zone) =>
        appointment.IsOpen && (appointment.ScheduledAt is not { } at || BusinessDay(at, zone) >= today);

    private static DateOnly BusinessDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
