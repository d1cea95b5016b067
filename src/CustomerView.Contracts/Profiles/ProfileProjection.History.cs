using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Profiles;
using Google.Protobuf.Collections;

namespace CustomerView.Contracts.Profiles;

public static partial class ProfileProjection
{
    /// <summary>The contract interaction for one history entry (ListInteractions pages these).</summary>
    public static V1.Interaction ToInteraction(InteractionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var d = entry.Details;
        var m = new V1.Interaction
        {
            EventId = entry.EventId,
            Channel = (V1.Channel)entry.Channel,
            OccurredAt = WireTime.ToTimestamp(entry.OccurredAt),
            Type = (V1.InteractionType)d.Type,
            Topic = d.Topic,
            Summary = d.Summary,
            StaffId = d.StaffId,
            Outcome = (V1.InteractionOutcome)d.Outcome,
            WaitingDuration = WireTime.ToDuration(d.WaitingDuration),
            HandlingDuration = WireTime.ToDuration(d.HandlingDuration),
            SourceSystem = entry.SourceSystem,
            RelatedTaskId = d.RelatedTaskId,
            RelatedComplaintId = d.RelatedComplaintId,
        };

        if (d.ResolvedFirstContact is { } resolved)
        {
            m.ResolvedFirstContact = resolved;
        }

        return m;
    }

    /// <summary>Adds the newest <paramref name="limit"/> of <paramref name="history"/> (oldest first) newest first.</summary>
    private static void AddInteractions(IReadOnlyList<InteractionEntry> history, int limit, RepeatedField<V1.Interaction> into)
    {
        var stop = Math.Max(0, history.Count - limit);
        for (var i = history.Count - 1; i >= stop; i--)
        {
            into.Add(ToInteraction(history[i]));
        }
    }

    private static void AddChannelActivity(IReadOnlyList<ChannelActivity> activity, RepeatedField<V1.ChannelActivity> into)
    {
        foreach (var a in activity)
        {
            into.Add(new V1.ChannelActivity
            {
                Channel = (V1.Channel)a.Channel,
                Interactions = a.Interactions,
                LastContactAt = WireTime.ToTimestamp(a.LastContactAt),
                AverageWaiting = WireTime.ToDuration(a.AverageWaiting),
                AverageHandling = WireTime.ToDuration(a.AverageHandling),
            });
        }
    }

    /// <summary>Adds <paramref name="feedback"/> (oldest first) newest first.</summary>
    private static void AddFeedback(IReadOnlyList<FeedbackEntry> feedback, RepeatedField<V1.Feedback> into)
    {
        for (var i = feedback.Count - 1; i >= 0; i--)
        {
            var entry = feedback[i];
            var m = new V1.Feedback
            {
                EventId = entry.EventId,
                Channel = (V1.Channel)entry.Channel,
                OccurredAt = WireTime.ToTimestamp(entry.OccurredAt),
                Comment = entry.Details.Comment,
                InteractionEventId = entry.Details.InteractionEventId,
            };

            if (entry.Details.Satisfaction is { } satisfaction)
            {
                m.Satisfaction = satisfaction;
            }

            if (entry.Details.Nps is { } nps)
            {
                m.Nps = nps;
            }

            into.Add(m);
        }
    }

    private static void AddRejectedEvents(IReadOnlyList<RejectedEvent> rejected, RepeatedField<V1.RejectedEvent> into)
    {
        foreach (var r in rejected)
        {
            into.Add(new V1.RejectedEvent
            {
                EventId = r.EventId,
                OccurredAt = WireTime.ToTimestamp(r.OccurredAt),
                SubjectId = r.SubjectId,
                Reason = r.Reason,
            });
        }
    }
}
