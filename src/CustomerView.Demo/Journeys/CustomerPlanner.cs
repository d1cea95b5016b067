namespace CustomerView.Demo.Journeys;

/// <summary>Decides which journeys a customer goes through, how each ends and when it starts.</summary>
internal static class CustomerPlanner
{
    private static readonly IReadOnlyList<(LoanOutcome Item, double Weight)> LoanOutcomes =
    [
        (LoanOutcome.Completed, 50),
        (LoanOutcome.WaitingOnCustomer, 20),
        (LoanOutcome.Cancelled, 15),
        (LoanOutcome.AwaitingSignature, 10),
        (LoanOutcome.Expired, 5),
    ];

    private static readonly IReadOnlyList<(ComplaintOutcome Item, double Weight)> ComplaintOutcomes =
    [
        (ComplaintOutcome.Closed, 50),
        (ComplaintOutcome.Reopened, 10),
        (ComplaintOutcome.DueSoon, 15),
        (ComplaintOutcome.Overdue, 10),
        (ComplaintOutcome.Extended, 5),
        (ComplaintOutcome.OnTime, 10),
    ];

    private static readonly IReadOnlyList<(AppointmentOutcome Item, double Weight)> AppointmentOutcomes =
    [
        (AppointmentOutcome.Served, 45),
        (AppointmentOutcome.Missed, 15),
        (AppointmentOutcome.Today, 20),
        (AppointmentOutcome.Upcoming, 12),
        (AppointmentOutcome.Cancelled, 8),
    ];

    /// <summary>When the customer's onboarding starts: within the first two days of the history.</summary>
    public static DateTimeOffset OnboardingStart(DemoOptions options, int customer)
    {
        var random = DemoRandom.For(options.Seed, Streams.Plan, customer);
        return options.Now - options.History + random.Between(TimeSpan.Zero, TimeSpan.FromHours(48));
    }

    /// <summary>Every journey of <paramref name="customer"/>, the onboarding first.</summary>
    public static List<JourneyPlan> Plan(DemoOptions options, int customer)
    {
        var random = DemoRandom.For(options.Seed, Streams.Plan, customer);
        var now = options.Now;
        var windowStart = now - options.History;
        var onboarded = windowStart + random.Between(TimeSpan.Zero, TimeSpan.FromHours(48));
        var active = onboarded + TimeSpan.FromDays(1);
        var plans = new List<JourneyPlan> { new(customer, JourneyKind.Onboarding, 1, 0, onboarded, onboarded) };

        if (random.Chance(0.3))
        {
            var at = Between(random, active + TimeSpan.FromDays(2), now - TimeSpan.FromHours(1));
            plans.Add(new(customer, JourneyKind.ProfileUpdate, 1, random.Next(0, 5), at, at));
        }

        if (random.Chance(options.LoanShare))
        {
            var outcome = random.PickWeighted(LoanOutcomes);
            if (outcome == LoanOutcome.Expired && options.History < TimeSpan.FromDays(34))
            {
                outcome = LoanOutcome.Cancelled;
            }

            var start = outcome switch
            {
                LoanOutcome.Completed => Between(random, active + TimeSpan.FromDays(1), now - TimeSpan.FromDays(14)),
                LoanOutcome.WaitingOnCustomer => Between(random, now - TimeSpan.FromDays(10), now - TimeSpan.FromDays(4)),
                LoanOutcome.Cancelled => Between(random, active + TimeSpan.FromDays(1), now - TimeSpan.FromDays(8)),
                LoanOutcome.AwaitingSignature => Between(random, now - TimeSpan.FromDays(9), now - TimeSpan.FromDays(6)),
                _ => Between(random, active, now - TimeSpan.FromDays(31)),
            };
            plans.Add(new(customer, JourneyKind.Loan, 1, (int)outcome, Max(start, active), Max(start, active)));
        }

        if (random.Chance(options.ComplaintShare))
        {
            var outcome = random.PickWeighted(ComplaintOutcomes);
            var filed = outcome switch
            {
                ComplaintOutcome.Closed => Between(random, active + TimeSpan.FromDays(5), now - TimeSpan.FromDays(18)),
                ComplaintOutcome.Reopened => Between(random, now - TimeSpan.FromDays(19), now - TimeSpan.FromDays(14)),
                ComplaintOutcome.DueSoon => now - TimeSpan.FromDays(15) + random.Between(TimeSpan.FromHours(3), TimeSpan.FromHours(20)),
                ComplaintOutcome.Overdue => Between(random, now - TimeSpan.FromDays(19), now - TimeSpan.FromDays(16)),
                ComplaintOutcome.Extended => Between(random, now - TimeSpan.FromDays(18), now - TimeSpan.FromDays(14)),
                _ => Between(random, now - TimeSpan.FromDays(10), now - TimeSpan.FromDays(1)),
            };
            filed = Max(filed, active + TimeSpan.FromDays(5));
            plans.Add(new(customer, JourneyKind.Complaint, 1, (int)outcome, filed - TimeSpan.FromDays(5), filed));
        }

        if (random.Chance(options.AppointmentShare))
        {
            var outcome = random.PickWeighted(AppointmentOutcomes);
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var day = outcome switch
            {
                AppointmentOutcome.Today => today,
                AppointmentOutcome.Upcoming => today + TimeSpan.FromDays(random.Next(1, 15)),
                AppointmentOutcome.Cancelled => today + TimeSpan.FromDays(random.Next(-8, 10)),
                _ => today - TimeSpan.FromDays(random.Next(1, Math.Max(2, (int)(now - active).TotalDays - 8))),
            };
            var scheduled = day + TimeSpan.FromMinutes(30 * random.Next(18, 34));
            if (outcome is AppointmentOutcome.Served or AppointmentOutcome.Missed && scheduled > now - TimeSpan.FromHours(1))
            {
                scheduled -= TimeSpan.FromDays(1);
            }

            var booked = scheduled - random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(8));
            booked = Min(Max(booked, active), now - TimeSpan.FromMinutes(30));
            plans.Add(new(customer, JourneyKind.Appointment, 1, (int)outcome, booked, scheduled));
        }

        var interactions = random.Poisson(options.InteractionsPerCustomer);
        for (var i = 0; i < interactions; i++)
        {
            var at = Between(random, active, now - TimeSpan.FromMinutes(5));
            plans.Add(new(customer, JourneyKind.Interaction, i + 1, 0, at, at));
        }

        return plans;
    }

    private static DateTimeOffset Between(DemoRandom random, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? to : from + random.Between(TimeSpan.Zero, to - from);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
