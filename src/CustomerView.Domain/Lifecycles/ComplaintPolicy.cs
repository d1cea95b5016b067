namespace CustomerView.Domain.Lifecycles;

/// <summary>Reply deadlines for one category and/or severity of complaint.</summary>
/// <param name="Category">The category this rule is for; <see langword="null"/> for any.</param>
/// <param name="Severity">The severity this rule is for; <see langword="null"/> for any.</param>
/// <param name="ReplyWithin">Time from filing to the reply deadline.</param>
/// <param name="ExtendedReplyWithin">Time from filing to the deadline after the first extension.</param>
/// <param name="FurtherExtension">What an approved second extension adds.</param>
public sealed record ComplaintRule(
    string? Category,
    ComplaintSeverity? Severity,
    TimeSpan ReplyWithin,
    TimeSpan ExtendedReplyWithin,
    TimeSpan FurtherExtension);

/// <summary>
/// Reply deadlines for complaints, by category and severity. The most specific rule wins (category and
/// severity, then category, then severity); without one the regulatory default applies: a reply within
/// 15 days, extendable to 30, and by a further 30 with approval.
/// </summary>
public sealed class ComplaintPolicy
{
    private readonly ComplaintRule[] _rules;

    /// <summary>Creates a policy from <paramref name="rules"/> over <paramref name="fallback"/>.</summary>
    public ComplaintPolicy(IEnumerable<ComplaintRule> rules, ComplaintRule? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        Fallback = fallback ?? RegulatoryDefault;
        foreach (var rule in _rules)
        {
            Check(rule);
        }

        Check(Fallback);
    }

    /// <summary>15 days to reply, extendable to 30, and by 30 more with approval.</summary>
    public static ComplaintRule RegulatoryDefault { get; } =
        new(null, null, TimeSpan.FromDays(15), TimeSpan.FromDays(30), TimeSpan.FromDays(30));

    /// <summary>The policy with the regulatory default only.</summary>
    public static ComplaintPolicy Default { get; } = new([]);

    /// <summary>The rule applied when no other matches.</summary>
    public ComplaintRule Fallback { get; }

    /// <summary>The rule for a complaint of <paramref name="category"/> and <paramref name="severity"/>.</summary>
    public ComplaintRule RuleFor(string category, ComplaintSeverity severity)
    {
        ComplaintRule? best = null;
        var bestScore = -1;
        foreach (var rule in _rules)
        {
            var categoryMatches = rule.Category is null || string.Equals(rule.Category, category, StringComparison.OrdinalIgnoreCase);
            var severityMatches = rule.Severity is null || rule.Severity == severity;
            if (!categoryMatches || !severityMatches)
            {
                continue;
            }

            var score = (rule.Category is null ? 0 : 2) + (rule.Severity is null ? 0 : 1);
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best ?? Fallback;
    }

    private static void Check(ComplaintRule rule)
    {
        if (rule.ReplyWithin <= TimeSpan.Zero || rule.ExtendedReplyWithin < rule.ReplyWithin || rule.FurtherExtension < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"Complaint rule for category '{rule.Category ?? "*"}' and severity '{rule.Severity?.ToString() ?? "*"}' must have " +
                "ReplyWithin > 0, ExtendedReplyWithin ≥ ReplyWithin and FurtherExtension ≥ 0.");
        }
    }
}
