using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Lifecycles;

namespace CustomerView.Domain.Profiles;

public sealed partial class CustomerProfile
{
    /// <summary>Captures everything the profile holds.</summary>
    /// <param name="memory">
    /// Where the copy of the interaction history goes (the snapshot's largest part); fresh arrays when
    /// <see langword="null"/>. The snapshot must not be read after the memory is taken back.
    /// </param>
    public ProfileSnapshot ToSnapshot(ISnapshotMemory? memory = null)
    {
        var identifiers = new List<IdentifierSnapshot>(_identifiers.Count);
        foreach (var state in _identifiers.Values)
        {
            identifiers.Add(new(state.Identifier, state.Linked, state.Stamp.Ticks, state.Stamp.EventId));
        }

        identifiers.Sort(static (a, b) => a.Identifier.Kind != b.Identifier.Kind
            ? a.Identifier.Kind.CompareTo(b.Identifier.Kind)
            : string.CompareOrdinal(a.Identifier.Key, b.Identifier.Key));

        var channels = new List<ChannelTotalsSnapshot>();
        for (var i = 1; i < _channels.Length; i++)
        {
            ref readonly var t = ref _channels[i];
            if (t.Count > 0)
            {
                channels.Add(new((Channel)i, t.Count, t.LastTicks, t.WaitingTicks, t.WaitingCount, t.HandlingTicks, t.HandlingCount));
            }
        }

        var daily = new List<DailyContactsSnapshot>(_daily.Count);
        for (var row = 0; row < _daily.Count; row++)
        {
            daily.Add(new(_daily.DayAt(row), _daily.CountsAt(row).ToArray()));
        }

        daily.Sort(static (a, b) => a.DayNumber.CompareTo(b.DayNumber));

        var lifecycle = new List<LifecycleEventSnapshot>();
        CollectLog(_tasks, lifecycle);
        CollectLog(_complaints, lifecycle);
        CollectLog(_appointments, lifecycle);

        return new ProfileSnapshot
        {
            CustomerId = CustomerId.Value,
            Revision = Revision,
            LastEventAt = LastEventAt,
            Attributes = Attributes.ToSnapshot(),
            Identifiers = identifiers,
            Interactions = _history.Copy(memory),
            FoldedInteractions = FoldedInteractions,
            TotalInteractions = TotalInteractions,
            FirstContactKnown = FirstContactKnown,
            FirstContactResolved = FirstContactResolved,
            Channels = channels,
            DailyContacts = daily,
            Feedback = [.. _feedback],
            FeedbackCount = FeedbackCount,
            SatisfactionSum = SatisfactionSum,
            SatisfactionCount = SatisfactionCount,
            Promoters = Promoters,
            Detractors = Detractors,
            NpsCount = NpsCount,
            LifecycleEvents = lifecycle,
            RetiredTasks = RetiredTasks,
            RecentEventHashes = _recent.ToArray(),
        };
    }

    /// <summary>Rebuilds a profile from <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentException">The snapshot's customer id is not valid.</exception>
    public static CustomerProfile Restore(ProfileSnapshot snapshot, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var profile = new CustomerProfile(Identity.CustomerId.Parse(snapshot.CustomerId), options);
        profile.Load(snapshot);
        return profile;
    }

    private void Load(ProfileSnapshot s)
    {
        Revision = s.Revision;
        LastEventAt = s.LastEventAt;
        Attributes.Restore(s.Attributes);
        foreach (var id in s.Identifiers)
        {
            _identifiers[IdentifierMapKey(id.Identifier.Kind, id.Identifier.Key)] = new(id.Identifier, id.Linked, new(id.Ticks, id.EventId));
        }

        InteractionEntry[] interactions = [.. s.Interactions];
        Array.Sort(interactions, static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : string.CompareOrdinal(a.EventId, b.EventId));
        _history.Load(interactions);
        FoldedInteractions = s.FoldedInteractions;
        TotalInteractions = s.TotalInteractions;
        FirstContactKnown = s.FirstContactKnown;
        FirstContactResolved = s.FirstContactResolved;
        foreach (var c in s.Channels)
        {
            if (c.Channel is > Channel.Unspecified and <= Channel.RelationshipManager)
            {
                _channels[(int)c.Channel] = new()
                {
                    Count = c.Count,
                    LastTicks = c.LastTicks,
                    WaitingTicks = c.WaitingTicks,
                    WaitingCount = c.WaitingCount,
                    HandlingTicks = c.HandlingTicks,
                    HandlingCount = c.HandlingCount,
                };
            }
        }

        foreach (var day in s.DailyContacts)
        {
            // Channel 0 first, even without counts, so every stored day gets its row.
            _daily.Add(day.DayNumber, 0, day.Counts.Count > 0 ? day.Counts[0] : 0);
            for (var i = 1; i < ChannelSlots && i < day.Counts.Count; i++)
            {
                _daily.Add(day.DayNumber, i, day.Counts[i]);
            }

            _latestDay = _latestDay is { } latest ? Math.Max(latest, day.DayNumber) : day.DayNumber;
        }

        _feedback.AddRange(s.Feedback);
        FeedbackCount = s.FeedbackCount;
        SatisfactionSum = s.SatisfactionSum;
        SatisfactionCount = s.SatisfactionCount;
        Promoters = s.Promoters;
        Detractors = s.Detractors;
        NpsCount = s.NpsCount;
        RetiredTasks = s.RetiredTasks;

        foreach (var e in s.LifecycleEvents)
        {
            var entry = new LifecycleEntry(e.OccurredAt.UtcTicks, e.EventId, e.Channel, e.OccurredAt, e.Payload);
            LifecycleItem item = e.Payload switch
            {
                TaskEvent t => GetOrAdd(_tasks, t.TaskId, static id => new TaskItem(id)),
                ComplaintEvent c => GetOrAdd(_complaints, c.ComplaintId, static id => new ComplaintItem(id)),
                AppointmentEvent a => GetOrAdd(_appointments, a.AppointmentId, static id => new AppointmentItem(id)),
                _ => throw new ArgumentException($"Lifecycle event {e.EventId} has payload {e.Payload.Name}, which has no lifecycle.", nameof(s)),
            };
            if (!item.Contains(entry.Ticks, entry.EventId))
            {
                item.Insert(entry, _options);
            }
        }

        foreach (var idHash in s.RecentEventHashes)
        {
            Remember(idHash);
        }
    }

    private static T GetOrAdd<T>(Dictionary<string, T> items, string id, Func<string, T> create)
    {
        if (!items.TryGetValue(id, out var item))
        {
            item = create(id);
            items.Add(id, item);
        }

        return item;
    }

    private static void CollectLog<T>(Dictionary<string, T> items, List<LifecycleEventSnapshot> into)
        where T : LifecycleItem
    {
        foreach (var pair in SortedPairs(items))
        {
            var item = pair.Value;
            for (var i = 0; i < item.LogCount; i++)
            {
                var e = item.EntryAt(i);
                into.Add(new(e.EventId, e.Channel, e.OccurredAt, e.Payload));
            }
        }
    }

    private static List<KeyValuePair<string, T>> SortedPairs<T>(Dictionary<string, T> items)
    {
        var list = new List<KeyValuePair<string, T>>(items);
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }
}
