namespace CustomerView.Demo;

/// <summary>What demo traffic <see cref="DemoJourneys.Generate"/> plays: how many customers, which journeys, and the clock.</summary>
/// <remarks>The same options (seed and <see cref="Now"/> included) always produce the same events in the same order.</remarks>
public sealed record DemoOptions
{
    /// <summary>Number of customers, at least 1.</summary>
    public int Customers { get; init; } = 100;

    /// <summary>Seed of every random choice; the same seed reproduces the same events and ids.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The simulated "now": no event occurs after it, and open complaints, waiting tasks and today's appointments are
    /// placed relative to it so that the profiles show alerts when read at this time.
    /// </summary>
    public DateTimeOffset Now { get; init; } = TruncateToSecond(DateTimeOffset.UtcNow);

    /// <summary>How far back the journeys reach; at least 21 days so overdue complaints fit.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(40);

    /// <summary>Customer ids are this prefix and a six-digit number, e.g. <c>C-000042</c>.</summary>
    public string CustomerIdPrefix { get; init; } = "C-";

    /// <summary>Share of customers with a loan application begun in the mobile app.</summary>
    public double LoanShare { get; init; } = 0.45;

    /// <summary>Share of customers who complained by phone.</summary>
    public double ComplaintShare { get; init; } = 0.35;

    /// <summary>Share of customers who booked a branch appointment online.</summary>
    public double AppointmentShare { get; init; } = 0.4;

    /// <summary>Mean number of everyday interactions (inquiries, transactions, service requests) per customer.</summary>
    public double InteractionsPerCustomer { get; init; } = 6;

    /// <summary>Share of journeys and interactions followed by a satisfaction survey answer.</summary>
    public double FeedbackShare { get; init; } = 0.6;

    /// <summary>Share of customers living in a household that shares one phone (two or three customers per phone).</summary>
    public double SharedPhoneShare { get; init; } = 0.15;

    /// <summary>Share of customers with accessibility needs.</summary>
    public double AccessibilityShare { get; init; } = 0.05;

    /// <summary>Share of events delivered late (minutes to hours after later events of the same customer).</summary>
    public double LateDeliveryShare { get; init; } = 0.03;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (Customers < 1 || Customers > 99_999_999)
        {
            throw new ArgumentException($"Customers must be 1 to 99,999,999, not {Customers}.");
        }

        if (History < TimeSpan.FromDays(21))
        {
            throw new ArgumentException($"History must be at least 21 days, not {History}.");
        }

        var prefixError = Domain.Identity.CustomerId.Validate(CustomerIdPrefix + "00000000");
        if (string.IsNullOrEmpty(CustomerIdPrefix) || prefixError is not null)
        {
            throw new ArgumentException($"CustomerIdPrefix '{CustomerIdPrefix}' does not make valid customer ids: {prefixError ?? "it is empty"}.");
        }

        CheckShare(LoanShare, nameof(LoanShare));
        CheckShare(ComplaintShare, nameof(ComplaintShare));
        CheckShare(AppointmentShare, nameof(AppointmentShare));
        CheckShare(FeedbackShare, nameof(FeedbackShare));
        CheckShare(SharedPhoneShare, nameof(SharedPhoneShare));
        CheckShare(AccessibilityShare, nameof(AccessibilityShare));
        CheckShare(LateDeliveryShare, nameof(LateDeliveryShare));
        if (InteractionsPerCustomer is < 0 or > 200 || double.IsNaN(InteractionsPerCustomer))
        {
            throw new ArgumentException($"InteractionsPerCustomer must be 0 to 200, not {InteractionsPerCustomer}.");
        }
    }

    /// <summary>The id of customer number <paramref name="index"/> (0-based).</summary>
    public string CustomerIdOf(int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerIdPrefix}{index + 1:D6}");

    private static void CheckShare(double share, string name)
    {
        if (share is < 0 or > 1 || double.IsNaN(share))
        {
            throw new ArgumentException($"{name} must be between 0 and 1, not {share}.");
        }
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
