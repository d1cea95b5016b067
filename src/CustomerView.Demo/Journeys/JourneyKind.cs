namespace CustomerView.Demo.Journeys;

/// <summary>The kinds of journey a customer's plan is made of.</summary>
internal enum JourneyKind
{
    Onboarding,
    ProfileUpdate,
    Loan,
    Complaint,
    Appointment,
    Interaction,
}

/// <summary>One journey of one customer, planned but not yet expanded into events.</summary>
/// <param name="Customer">The customer's number.</param>
/// <param name="Kind">What journey.</param>
/// <param name="Number">Distinguishes journeys of the same kind of one customer.</param>
/// <param name="Outcome">How the journey ends (a kind-specific value).</param>
/// <param name="Start">When its first event occurs at the earliest.</param>
/// <param name="Anchor">The kind-specific key instant (filing time, appointment time), at or after <paramref name="Start"/>.</param>
internal readonly record struct JourneyPlan(int Customer, JourneyKind Kind, int Number, int Outcome, DateTimeOffset Start, DateTimeOffset Anchor);
