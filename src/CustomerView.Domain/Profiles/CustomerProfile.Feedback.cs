using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>One piece of feedback.</summary>
/// <param name="EventId">The event that gave it.</param>
/// <param name="Channel">Where it was given.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Details">The answers.</param>
public sealed record FeedbackEntry(string EventId, Channel Channel, DateTimeOffset OccurredAt, FeedbackGiven Details);

public sealed partial class CustomerProfile
{
    private readonly List<FeedbackEntry> _feedback = [];

    /// <summary>Recent feedback, oldest first (bounded by <see cref="ProfileOptions.FeedbackHistoryCapacity"/>).</summary>
    public IReadOnlyList<FeedbackEntry> Feedback => _feedback;

    /// <summary>All feedback ever applied.</summary>
    public long FeedbackCount { get; private set; }

    /// <summary>Sum of satisfaction answers.</summary>
    public long SatisfactionSum { get; private set; }

    /// <summary>Number of satisfaction answers.</summary>
    public long SatisfactionCount { get; private set; }

    /// <summary>NPS answers of 9 or 10.</summary>
    public long Promoters { get; private set; }

    /// <summary>NPS answers of 0 to 6.</summary>
    public long Detractors { get; private set; }

    /// <summary>Number of NPS answers.</summary>
    public long NpsCount { get; private set; }

    private ApplyResult ApplyFeedback(DomainEvent e, FeedbackGiven feedback)
    {
        if (feedback.Satisfaction is < 1 or > 5)
        {
            return ApplyResult.Invalid($"satisfaction must be 1 to 5, was {feedback.Satisfaction}");
        }

        if (feedback.Nps is < 0 or > 10)
        {
            return ApplyResult.Invalid($"NPS must be 0 to 10, was {feedback.Nps}");
        }

        if (feedback.Satisfaction is null && feedback.Nps is null && string.IsNullOrWhiteSpace(feedback.Comment))
        {
            return ApplyResult.Invalid("feedback carries no satisfaction, NPS or comment");
        }

        if (TooLong(feedback.Comment, 2000, "comment") is { } tooLong)
        {
            return ApplyResult.Invalid(tooLong);
        }

        var ticks = e.OccurredTicks;
        var index = _feedback.Count;
        while (index > 0 && Compare(_feedback[index - 1], ticks, e.Id.Value) > 0)
        {
            index--;
        }

        if (index > 0 && Compare(_feedback[index - 1], ticks, e.Id.Value) == 0)
        {
            return ApplyResult.Duplicate;
        }

        FeedbackCount++;
        if (feedback.Satisfaction is { } satisfaction)
        {
            SatisfactionSum += satisfaction;
            SatisfactionCount++;
        }

        if (feedback.Nps is { } nps)
        {
            NpsCount++;
            if (nps >= 9)
            {
                Promoters++;
            }
            else if (nps <= 6)
            {
                Detractors++;
            }
        }

        var capacity = Math.Max(1, _options.FeedbackHistoryCapacity);
        if (_feedback.Count >= capacity && index == 0)
        {
            return ApplyResult.Applied(ProfileSections.Feedback);
        }

        _feedback.Insert(index, new(e.Id.Value, e.Channel, e.OccurredAt, feedback));
        if (_feedback.Count > capacity)
        {
            _feedback.RemoveAt(0);
        }

        return ApplyResult.Applied(ProfileSections.Feedback);
    }

    private static int Compare(FeedbackEntry entry, long ticks, string eventId)
    {
        var t = entry.OccurredAt.UtcTicks;
        return t != ticks ? t.CompareTo(ticks) : string.CompareOrdinal(entry.EventId, eventId);
    }
}
