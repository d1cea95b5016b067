using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>One interaction in the history.</summary>
/// <param name="EventId">The event that recorded it.</param>
/// <param name="Channel">Where it happened.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="SourceSystem">The system that reported it.</param>
/// <param name="Details">What happened.</param>
public sealed record InteractionEntry(string EventId, Channel Channel, DateTimeOffset OccurredAt, string SourceSystem, InteractionRecorded Details)
{
    internal long Ticks => OccurredAt.UtcTicks;
}

/// <summary>Totals for one channel over all interactions ever applied, including those folded out of the history.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Interactions">How many interactions.</param>
/// <param name="LastContactAt">The newest one.</param>
/// <param name="AverageWaiting">Mean waiting time where one was reported.</param>
/// <param name="AverageHandling">Mean handling time where one was reported.</param>
public sealed record ChannelActivity(Channel Channel, long Interactions, DateTimeOffset LastContactAt, TimeSpan? AverageWaiting, TimeSpan? AverageHandling);

public sealed partial class CustomerProfile
{
    private const int ChannelSlots = DailyContactCounts.Channels;

    /// <summary>Days of per-channel contact counts kept for "contacts in the last 30 days".</summary>
    internal const int ContactDays = 32;

    private readonly InteractionRing _history;
    private readonly ChannelTotals[] _channels = new ChannelTotals[ChannelSlots];
    private DailyContactCounts _daily;
    private int? _latestDay;

    /// <summary>The retained interaction history, oldest first; each entry is rebuilt as it is read.</summary>
    public IReadOnlyList<InteractionEntry> Interactions => _history;

    /// <summary>The history itself, for readers in the domain that need a field or two of many entries.</summary>
    internal InteractionRing History => _history;

    /// <summary>Interactions folded out of the history into the per-channel counters.</summary>
    public long FoldedInteractions { get; private set; }

    /// <summary>All interactions ever applied.</summary>
    public long TotalInteractions { get; private set; }

    /// <summary>Interactions that said whether they were resolved at first contact.</summary>
    public long FirstContactKnown { get; private set; }

    /// <summary>Interactions resolved at first contact.</summary>
    public long FirstContactResolved { get; private set; }

    /// <summary>Per-channel totals for channels with any interaction, in channel order.</summary>
    public IReadOnlyList<ChannelActivity> ChannelActivity
    {
        get
        {
            var list = new List<ChannelActivity>();
            for (var i = 1; i < _channels.Length; i++)
            {
                ref readonly var t = ref _channels[i];
                if (t.Count == 0)
                {
                    continue;
                }

                list.Add(new(
                    (Channel)i,
                    t.Count,
                    new DateTimeOffset(t.LastTicks, TimeSpan.Zero),
                    t.WaitingCount > 0 ? TimeSpan.FromTicks(t.WaitingTicks / t.WaitingCount) : null,
                    t.HandlingCount > 0 ? TimeSpan.FromTicks(t.HandlingTicks / t.HandlingCount) : null));
            }

            return list;
        }
    }

    /// <summary>Contacts per channel (indexed by <see cref="Channel"/>) on the 30 business days ending with <paramref name="now"/>'s day.</summary>
    public long[] ContactsInLast30Days(DateTimeOffset now)
    {
        var counts = new long[ChannelSlots];
        var today = DayNumber(now);
        for (var row = 0; row < _daily.Count; row++)
        {
            var day = _daily.DayAt(row);
            if (day > today - 30 && day <= today)
            {
                var dayCounts = _daily.CountsAt(row);
                for (var c = 0; c < ChannelSlots; c++)
                {
                    counts[c] += dayCounts[c];
                }
            }
        }

        return counts;
    }

    private ApplyResult ApplyInteraction(DomainEvent e, InteractionRecorded interaction)
    {
        var error = ValidateInteraction(interaction);
        if (error is not null)
        {
            return ApplyResult.Invalid(error);
        }

        var index = FindInteraction(e.OccurredTicks, e.Id.Value);
        if (index >= 0)
        {
            return ApplyResult.Duplicate;
        }

        Count(e, interaction);
        index = ~index;
        if (_history.Count >= _history.Capacity)
        {
            // Full: the oldest entry folds into the counters, whether it is the one that came in or the oldest kept.
            FoldedInteractions++;
            if (index == 0)
            {
                return ApplyResult.Applied(ProfileSections.Interactions);
            }

            _history.RemoveFirst();
            index--;
        }

        _history.Insert(index, e.Id.Value, e.Channel, e.OccurredAt, e.SourceSystem, interaction);
        return ApplyResult.Applied(ProfileSections.Interactions);
    }

    private void Count(DomainEvent e, InteractionRecorded interaction)
    {
        TotalInteractions++;
        if (interaction.ResolvedFirstContact is { } fcr)
        {
            FirstContactKnown++;
            if (fcr)
            {
                FirstContactResolved++;
            }
        }

        ref var totals = ref _channels[(int)e.Channel];
        totals.Count++;
        totals.LastTicks = Math.Max(totals.LastTicks, e.OccurredTicks);
        if (interaction.WaitingDuration is { } waiting)
        {
            totals.WaitingTicks += waiting.Ticks;
            totals.WaitingCount++;
        }

        if (interaction.HandlingDuration is { } handling)
        {
            totals.HandlingTicks += handling.Ticks;
            totals.HandlingCount++;
        }

        CountDay(DayNumber(e.OccurredAt), e.Channel);
    }

    /// <summary>
    /// Adds a contact to its day's bucket and keeps only the <see cref="ContactDays"/> days up to the newest day seen.
    /// The result depends only on the set of contacts, not their order: a day is kept exactly when it is within
    /// the window of the newest day.
    /// </summary>
    private void CountDay(int day, Channel channel)
    {
        if (day <= _latestDay - ContactDays)
        {
            return;
        }

        if (_latestDay is null || day > _latestDay)
        {
            _latestDay = day;
            _daily.DropUpTo(day - ContactDays);
        }

        _daily.Add(day, (int)channel);
    }

    /// <summary>The <see cref="DateOnly.DayNumber"/> of the business day <paramref name="instant"/> falls on.</summary>
    private int DayNumber(DateTimeOffset instant) => _options.Calendar.DayNumber(instant);

    /// <summary>The day <paramref name="instant"/> falls on in the business time zone.</summary>
    private DateOnly BusinessDay(DateTimeOffset instant) => DateOnly.FromDayNumber(DayNumber(instant));

    private int FindInteraction(long ticks, string eventId)
    {
        int lo = 0, hi = _history.Count - 1;
        if (hi >= 0)
        {
            // Most interactions are newer than every one held: one comparison with the newest instead of a search.
            var newest = _history.PackedAt(hi);
            var newestTicks = PackedInteraction.Ticks(newest);
            if (newestTicks < ticks || (newestTicks == ticks && PackedInteraction.CompareEventId(newest, eventId) < 0))
            {
                return ~(hi + 1);
            }
        }

        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var entry = _history.PackedAt(mid);
            var entryTicks = PackedInteraction.Ticks(entry);
            var c = entryTicks != ticks ? entryTicks.CompareTo(ticks) : PackedInteraction.CompareEventId(entry, eventId);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private static string? ValidateInteraction(InteractionRecorded interaction)
    {
        if (interaction.Type is < InteractionType.Unspecified or > InteractionType.Sales)
        {
            return $"interaction type {(int)interaction.Type} is not known";
        }

        if (interaction.Outcome is < InteractionOutcome.Unspecified or > InteractionOutcome.InformationGiven)
        {
            return $"interaction outcome {(int)interaction.Outcome} is not known";
        }

        if (interaction.WaitingDuration < TimeSpan.Zero || interaction.HandlingDuration < TimeSpan.Zero)
        {
            return "interaction durations cannot be negative";
        }

        return TooLong(interaction.Topic, 64, "topic")
            ?? TooLong(interaction.Summary, 2000, "summary")
            ?? TooLong(interaction.StaffId, 64, "staff id");
    }

    private struct ChannelTotals
    {
        public long Count;
        public long LastTicks;
        public long WaitingTicks;
        public long WaitingCount;
        public long HandlingTicks;
        public long HandlingCount;
    }
}
