using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;

namespace CustomerView.Domain.Profiles;

public sealed partial class CustomerProfile
{
    /// <summary>The source system named on events the profile's own clock raises.</summary>
    public const string ClockSource = "customerview-clock";

    /// <summary>
    /// Events that time alone makes due at <paramref name="now"/>: an open task past its expiry expires.
    /// Their ids are derived from the subject and due time, so raising them again (after a restart, on another
    /// node) is a no-op; apply them like any other event.
    /// </summary>
    public IReadOnlyList<DomainEvent> DueEvents(DateTimeOffset now)
    {
        List<DomainEvent>? due = null;
        foreach (var task in _tasks.Values)
        {
            if (task.IsOpen && task.ExpiresAt is { } expires && expires <= now)
            {
                var id = EventId.Parse($"expiry:{expires.UtcTicks}:{Truncate(task.Id, 96)}");
                if (!task.Contains(expires.UtcTicks, id.Value))
                {
                    (due ??= []).Add(new(id, CustomerId, task.CurrentChannel is Channel.Unspecified ? task.StartedIn : task.CurrentChannel, expires, ClockSource, new TaskExpired(task.Id)));
                }
            }
        }

        return due ?? (IReadOnlyList<DomainEvent>)[];
    }

    /// <summary>
    /// The next instant after <paramref name="now"/> at which time alone changes the profile or its alerts
    /// (a task expires or falls due, a complaint becomes due soon or overdue, a wait becomes long, a day
    /// with an appointment or birthday begins or ends); <see langword="null"/> when nothing is pending.
    /// </summary>
    public DateTimeOffset? NextWakeUp(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? instant)
        {
            if (instant is { } at && at > now && (next is null || at < next))
            {
                next = at;
            }
        }

        foreach (var task in _tasks.Values)
        {
            if (!task.IsOpen)
            {
                continue;
            }

            Consider(task.ExpiresAt);
            Consider(task.DueAt);
            Consider(task.WaitingSince + _options.WaitingOnCustomerAlertAfter);
        }

        foreach (var complaint in _complaints.Values)
        {
            if (complaint.IsOpen && complaint.DueAt is { } due)
            {
                Consider(due - _options.ComplaintDueSoonWithin);
                Consider(due);
            }
        }

        // Day alerts (an appointment today, a birthday) begin and end at business midnights: wake at the midnight that
        // starts such a day and at the one that ends it, not at every midnight, so customers with a date of birth are
        // not all activated every night.
        var today = BusinessDay(now);
        foreach (var appointment in _appointments.Values)
        {
            if (appointment.IsOpen && appointment.ScheduledAt is { } at)
            {
                ConsiderDay(BusinessDay(at));
            }
        }

        if (Attributes.DateOfBirth is { } dob)
        {
            ConsiderDay(NextBirthday(dob, today));
        }

        return next;

        void ConsiderDay(DateOnly day)
        {
            if (day == today)
            {
                Consider(StartOfBusinessDay(day.AddDays(1)));
            }
            else if (day > today)
            {
                Consider(StartOfBusinessDay(day));
            }
        }
    }

    /// <summary>The first day on or after <paramref name="today"/> that is the birthday of someone born on <paramref name="dob"/>.</summary>
    internal static DateOnly NextBirthday(DateOnly dob, DateOnly today)
    {
        var candidate = BirthdayIn(dob, today.Year);
        return candidate >= today ? candidate : BirthdayIn(dob, today.Year + 1);
    }

    /// <summary>The birthday in <paramref name="year"/>: 29 February is kept on 28 February in common years.</summary>
    internal static DateOnly BirthdayIn(DateOnly dob, int year) =>
        dob.Month == 2 && dob.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, dob.Month, dob.Day);

    private DateTimeOffset StartOfBusinessDay(DateOnly day)
    {
        var zone = _options.BusinessTimeZone;
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
