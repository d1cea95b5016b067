namespace CustomerView.Domain.Insights;

/// <summary>Kinds of alert for the person serving the customer (numbering matches the contract).</summary>
public enum AlertKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>A complaint's reply deadline passed.</summary>
    ComplaintOverdue = 1,
    /// <summary>A complaint's reply deadline is near.</summary>
    ComplaintDueSoon = 2,
    /// <summary>A task has waited on the customer for long.</summary>
    TaskWaitingOnCustomer = 3,
    /// <summary>A task's next action is overdue.</summary>
    TaskOverdue = 4,
    /// <summary>The customer has an appointment today.</summary>
    AppointmentToday = 5,
    /// <summary>It is the customer's birthday.</summary>
    BirthdayToday = 6,
    /// <summary>The customer needs assistance (accessibility).</summary>
    NeedsAssistance = 7,
    /// <summary>The customer contacted the bank repeatedly on one topic.</summary>
    RepeatedContacts = 8,
}

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Not given.</summary>
    Unspecified = 0,
    /// <summary>Good to know.</summary>
    Info = 1,
    /// <summary>Act on it.</summary>
    Warning = 2,
    /// <summary>Act on it now.</summary>
    Critical = 3,
}

/// <summary>One alert for the person serving the customer.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Message">One line for a person.</param>
/// <param name="SubjectId">The task, complaint, appointment id or topic it is about; empty when none.</param>
/// <param name="DueAt">The deadline or time it concerns, when one applies.</param>
public sealed record Alert(AlertKind Kind, AlertSeverity Severity, string Message, string SubjectId, DateTimeOffset? DueAt);

/// <summary>Per-customer figures.</summary>
/// <param name="TotalInteractions">All interactions applied.</param>
/// <param name="FirstContactResolutionRate">Share resolved at first contact among those that said; <see langword="null"/> when none said.</param>
/// <param name="AverageSatisfaction">Mean satisfaction (1 to 5); <see langword="null"/> without answers.</param>
/// <param name="FeedbackCount">Feedback entries applied.</param>
/// <param name="NetPromoterScore">Promoters minus detractors in percent of NPS answers; <see langword="null"/> without answers.</param>
/// <param name="ContactsLast30Days">Contacts per channel, indexed by <see cref="Channel"/>.</param>
/// <param name="OpenTasks">Tasks not completed, cancelled or expired.</param>
/// <param name="OpenComplaints">Complaints not resolved.</param>
public sealed record ProfileFigures(
    long TotalInteractions,
    double? FirstContactResolutionRate,
    double? AverageSatisfaction,
    long FeedbackCount,
    double? NetPromoterScore,
    IReadOnlyList<long> ContactsLast30Days,
    int OpenTasks,
    int OpenComplaints);

/// <summary>Alerts and figures of a profile at one instant.</summary>
/// <param name="EvaluatedAt">The instant.</param>
/// <param name="Alerts">Most severe first.</param>
/// <param name="Figures">The figures.</param>
public sealed record ProfileInsight(DateTimeOffset EvaluatedAt, IReadOnlyList<Alert> Alerts, ProfileFigures Figures);
