using System.Globalization;
using CustomerView.Domain.Lifecycles;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Insights;

/// <summary>Derives alerts and figures from a profile for any instant. Pure: the same profile and instant give the same answer.</summary>
public static class ProfileInsights
{
    /// <summary>Evaluates <paramref name="profile"/> at <paramref name="now"/>.</summary>
    public static ProfileInsight Evaluate(CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var alerts = new List<Alert>();
        var options = profile.Options;
        var openComplaints = AddComplaintAlerts(profile, now, options, alerts);
        var openTasks = AddTaskAlerts(profile, now, options, alerts);
        AddDayAlerts(profile, now, options, alerts);
        if (profile.Attributes.NeedsAssistance)
        {
            alerts.Add(new(AlertKind.NeedsAssistance, AlertSeverity.Warning, DescribeAssistance(profile.Attributes), string.Empty, null));
        }

        AddRepeatedContactAlerts(profile, now, options, alerts);
        alerts.Sort(static (a, b) => a.Severity != b.Severity
            ? b.Severity.CompareTo(a.Severity)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.SubjectId, b.SubjectId));

        var figures = new ProfileFigures(
            profile.TotalInteractions,
            profile.FirstContactKnown > 0 ? (double)profile.FirstContactResolved / profile.FirstContactKnown : null,
            profile.SatisfactionCount > 0 ? (double)profile.SatisfactionSum / profile.SatisfactionCount : null,
            profile.FeedbackCount,
            profile.NpsCount > 0 ? 100.0 * (profile.Promoters - profile.Detractors) / profile.NpsCount : null,
            profile.ContactsInLast30Days(now),
            openTasks,
            openComplaints);
        return new(now, alerts, figures);
    }

    private static int AddComplaintAlerts(CustomerProfile profile, DateTimeOffset now, ProfileOptions options, List<Alert> alerts)
    {
        var open = 0;
        foreach (var complaint in profile.Complaints)
        {
            if (!complaint.IsOpen)
            {
                continue;
            }

            open++;
            switch (complaint.ClockAt(now, options.ComplaintDueSoonWithin))
            {
                case ComplaintClockState.Overdue:
                    alerts.Add(new(AlertKind.ComplaintOverdue, AlertSeverity.Critical,
                        $"Complaint {complaint.Id} ({complaint.Category}) is overdue: reply was due {Format(complaint.DueAt)}",
                        complaint.Id, complaint.DueAt));
                    break;
                case ComplaintClockState.DueSoon:
                    alerts.Add(new(AlertKind.ComplaintDueSoon, AlertSeverity.Warning,
                        $"Complaint {complaint.Id} ({complaint.Category}) reply due {Format(complaint.DueAt)}",
                        complaint.Id, complaint.DueAt));
                    break;
            }
        }

        return open;
    }

    private static int AddTaskAlerts(CustomerProfile profile, DateTimeOffset now, ProfileOptions options, List<Alert> alerts)
    {
        var open = 0;
        foreach (var task in profile.Tasks)
        {
            if (!task.IsOpen)
            {
                continue;
            }

            open++;
            if (task.Status == TaskStatus.WaitingOnCustomer && task.WaitingSince is { } since && now - since >= options.WaitingOnCustomerAlertAfter)
            {
                alerts.Add(new(AlertKind.TaskWaitingOnCustomer, AlertSeverity.Warning,
                    $"Task {task.Id} ({task.Title}) has waited on the customer for {(int)(now - since).TotalDays} days: {task.NextAction}",
                    task.Id, task.DueAt));
            }

            if (task.DueAt is { } due && due < now)
            {
                alerts.Add(new(AlertKind.TaskOverdue, AlertSeverity.Warning,
                    $"Task {task.Id} ({task.Title}) was due {Format(due)}: {task.NextAction}",
                    task.Id, due));
            }
        }

        return open;
    }

    private static void AddDayAlerts(CustomerProfile profile, DateTimeOffset now, ProfileOptions options, List<Alert> alerts)
    {
        var zone = options.BusinessTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var appointment in profile.Appointments)
        {
            if (appointment.Status is not (AppointmentStatus.Booked or AppointmentStatus.CheckedIn) || appointment.ScheduledAt is not { } at)
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTime(at, zone);
            if (DateOnly.FromDateTime(local.DateTime) == today)
            {
                var state = appointment.Status == AppointmentStatus.CheckedIn ? "checked in for" : "has";
                alerts.Add(new(AlertKind.AppointmentToday, AlertSeverity.Info,
                    $"Customer {state} an appointment today at {local:HH:mm}, {appointment.Location}: {appointment.Purpose}",
                    appointment.Id, at));
            }
        }

        if (profile.Attributes.DateOfBirth is { } dob && IsBirthday(dob, today))
        {
            alerts.Add(new(AlertKind.BirthdayToday, AlertSeverity.Info, "It is the customer's birthday today", string.Empty, null));
        }
    }

    private static void AddRepeatedContactAlerts(CustomerProfile profile, DateTimeOffset now, ProfileOptions options, List<Alert> alerts)
    {
        if (options.RepeatedContactThreshold <= 0)
        {
            return;
        }

        var from = now - options.RepeatedContactWindow;
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        // Only the instant and the topic of each entry: read from the packed history, not rebuilt whole.
        var history = profile.History;
        var nowTicks = now.UtcTicks;
        var fromTicks = from.UtcTicks;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var ticks = history.TicksAt(i);
            if (ticks > nowTicks)
            {
                continue;
            }

            if (ticks < fromTicks)
            {
                break;
            }

            var topic = history.TopicAt(i);
            if (topic.Length > 0)
            {
                counts[topic] = counts.GetValueOrDefault(topic) + 1;
            }
        }

        foreach (var (topic, count) in counts)
        {
            if (count >= options.RepeatedContactThreshold)
            {
                alerts.Add(new(AlertKind.RepeatedContacts, AlertSeverity.Warning,
                    $"{count} contacts about '{topic}' in the last {(int)options.RepeatedContactWindow.TotalDays} days",
                    topic, null));
            }
        }
    }

    private static bool IsBirthday(DateOnly dob, DateOnly today) => CustomerProfile.BirthdayIn(dob, today.Year) == today;

    private static string DescribeAssistance(CustomerAttributes attributes)
    {
        var parts = new List<string>();
        foreach (var need in attributes.Accessibility.Needs)
        {
            parts.Add(need switch
            {
                AccessibilityNeed.LargePrint => "large print",
                AccessibilityNeed.VoiceGuidance => "voice guidance",
                AccessibilityNeed.SignLanguageInterpreter => "sign-language interpreter",
                AccessibilityNeed.LanguageInterpreter => "language interpreter",
                AccessibilityNeed.WheelchairAccess => "step-free access",
                AccessibilityNeed.HearingLoop => "hearing loop",
                AccessibilityNeed.EasyRead => "easy read",
                _ => need.ToString(),
            });
        }

        var note = attributes.Accessibility.Note;
        var text = "Customer needs assistance: " + string.Join(", ", parts);
        return note.Length == 0 ? text : parts.Count == 0 ? "Customer needs assistance: " + note : $"{text} ({note})";
    }

    private static string Format(DateTimeOffset? instant) =>
        instant?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "unknown";
}
