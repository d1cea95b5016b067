namespace CustomerView.Demo.Journeys;

/// <summary>How a loan application ends up by "now".</summary>
internal enum LoanOutcome
{
    Completed,
    WaitingOnCustomer,
    Cancelled,
    AwaitingSignature,
    Expired,
}

/// <summary>Where a complaint stands by "now".</summary>
internal enum ComplaintOutcome
{
    Closed,
    Reopened,
    DueSoon,
    Overdue,
    Extended,
    OnTime,
}

/// <summary>What became of a booked appointment by "now".</summary>
internal enum AppointmentOutcome
{
    Served,
    Missed,
    Today,
    Upcoming,
    Cancelled,
}

/// <summary>Kinds of profile change after onboarding.</summary>
internal enum ProfileUpdate
{
    Email,
    MarketingConsent,
    TierUpgrade,
    Address,
    PreferredChannel,
}
