using CustomerView.Domain.Identity;
using CustomerView.Domain.Lifecycles;

namespace CustomerView.Domain.Profiles;

/// <summary>Bounds and rules of a customer profile. One instance is shared by every profile of a node.</summary>
public sealed record ProfileOptions
{
    /// <summary>Interactions kept in full; older ones fold into per-channel counters.</summary>
    public int InteractionHistoryCapacity { get; init; } = 200;

    /// <summary>Recent event ids remembered per customer to make re-delivery a no-op.</summary>
    public int DeduplicationWindow { get; init; } = 1024;

    /// <summary>Completed, cancelled or expired tasks (and closed complaints and past appointments) kept per kind.</summary>
    public int ClosedItemsRetained { get; init; } = 50;

    /// <summary>Open tasks, complaints or appointments a profile holds at most per kind; more are rejected.</summary>
    public int OpenItemsLimit { get; init; } = 500;

    /// <summary>Lifecycle events kept per task, complaint or appointment; more are rejected.</summary>
    public int LifecycleHistoryLimit { get; init; } = 64;

    /// <summary>Feedback entries kept in full (averages count them all).</summary>
    public int FeedbackHistoryCapacity { get; init; } = 20;

    /// <summary>Rejected events kept for inspection.</summary>
    public int RejectedEventsCapacity { get; init; } = 20;

    /// <summary>Reply deadlines for complaints.</summary>
    public ComplaintPolicy Complaints { get; init; } = ComplaintPolicy.Default;

    /// <summary>How identifiers are normalised.</summary>
    public IdentifierNormalizer Identifiers { get; init; } = IdentifierNormalizer.Default;

    /// <summary>When "waiting on the customer" becomes an alert.</summary>
    public TimeSpan WaitingOnCustomerAlertAfter { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long before a complaint's deadline it is "due soon".</summary>
    public TimeSpan ComplaintDueSoonWithin { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Contacts on one topic within <see cref="RepeatedContactWindow"/> that raise an alert.</summary>
    public int RepeatedContactThreshold { get; init; } = 3;

    /// <summary>The window for <see cref="RepeatedContactThreshold"/>.</summary>
    public TimeSpan RepeatedContactWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The bank's time zone: what "today" means for appointments and birthdays.</summary>
    public TimeZoneInfo BusinessTimeZone
    {
        get => Calendar.Zone;
        init => Calendar = new BusinessCalendar(value);
    }

    /// <summary>Business days of <see cref="BusinessTimeZone"/>, remembered for every profile sharing these options.</summary>
    internal BusinessCalendar Calendar { get; private init; } = new(TimeZoneInfo.Utc);

    /// <summary>The defaults.</summary>
    public static ProfileOptions Default { get; } = new();
}
