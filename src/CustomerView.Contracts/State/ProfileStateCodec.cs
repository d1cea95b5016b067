using CustomerView.Contracts.Events;
using CustomerView.Contracts.State.V1;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;
using Wire = CustomerView.Contracts.V1;
using Google.Protobuf;
using DomainChannel = CustomerView.Domain.Channel;

namespace CustomerView.Contracts.State;

/// <summary>Serializes a domain <see cref="ProfileSnapshot"/> to the persisted <see cref="ProfileState"/> and back.</summary>
public static partial class ProfileStateCodec
{
    /// <summary>The format version this codec writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>
    /// Serializes <paramref name="snapshot"/>: the same bytes a parser reads back as <see cref="ToState"/>'s message,
    /// written without building a message per stored event (see <see cref="SnapshotWriter"/>).
    /// </summary>
    public static byte[] Serialize(ProfileSnapshot snapshot)
    {
        var bytes = Write(snapshot).ToArray();
        SnapshotWriter.Current.TrimIfLarge();
        return bytes;
    }

    /// <summary>
    /// Serializes <paramref name="snapshot"/> as <see cref="Serialize(ProfileSnapshot)"/> does, into a piece of
    /// <paramref name="memory"/> instead of a new array.
    /// </summary>
    public static ReadOnlyMemory<byte> Serialize(ProfileSnapshot snapshot, ISnapshotMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var written = Write(snapshot);
        var piece = memory.Allocate(written.Length);
        written.CopyTo(piece.Span);
        SnapshotWriter.Current.TrimIfLarge();
        return piece;
    }

    /// <summary>The snapshot's bytes in this thread's writer buffer, valid until the thread's next serialization.</summary>
    private static ReadOnlySpan<byte> Write(ProfileSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var customer = CustomerId.Parse(snapshot.CustomerId);
        return SnapshotWriter.Current.Serialize(Head(snapshot), customer.Value, snapshot);
    }

    /// <summary>Deserializes a snapshot written by <see cref="Serialize(ProfileSnapshot)"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a profile state this codec can read.</exception>
    public static ProfileSnapshot Deserialize(ReadOnlySpan<byte> bytes)
    {
        ProfileState state;
        try
        {
            state = ProfileState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("Stored profile state is not readable: " + ex.Message, ex);
        }

        return FromState(state);
    }

    /// <summary>Maps <paramref name="snapshot"/> to its persisted message.</summary>
    public static ProfileState ToState(ProfileSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var customer = CustomerId.Parse(snapshot.CustomerId);
        var state = Head(snapshot);
        foreach (var entry in snapshot.Interactions)
        {
            state.Interactions.Add(Envelope(customer, entry.EventId, entry.Channel, entry.OccurredAt, entry.SourceSystem, entry.Details));
        }

        foreach (var entry in snapshot.Feedback)
        {
            state.Feedback.Add(Envelope(customer, entry.EventId, entry.Channel, entry.OccurredAt, string.Empty, entry.Details));
        }

        foreach (var entry in snapshot.LifecycleEvents)
        {
            state.LifecycleEvents.Add(Envelope(customer, entry.EventId, entry.Channel, entry.OccurredAt, string.Empty, entry.Payload));
        }

        return state;
    }

    /// <summary>The recent-event window: ids of older states (hashed here), then hashes.</summary>
    private static ulong[] RecentEventHashes(ProfileState state)
    {
        var hashes = new ulong[state.RecentEventIds.Count + state.RecentEventHashes.Count];
        var next = 0;
        foreach (var id in state.RecentEventIds)
        {
            hashes[next++] = EventId.StableHash(id);
        }

        state.RecentEventHashes.CopyTo(hashes, next);
        return hashes;
    }

    /// <summary>Everything of the persisted message but the stored events (interactions, feedback, lifecycle events).</summary>
    private static ProfileState Head(ProfileSnapshot snapshot)
    {
        var state = new ProfileState
        {
            Format = CurrentFormat,
            CustomerId = snapshot.CustomerId,
            Revision = snapshot.Revision,
            Attributes = ToRegisters(snapshot.Attributes),
            FoldedInteractions = snapshot.FoldedInteractions,
            TotalInteractions = snapshot.TotalInteractions,
            FirstContactKnown = snapshot.FirstContactKnown,
            FirstContactResolved = snapshot.FirstContactResolved,
            FeedbackCount = snapshot.FeedbackCount,
            SatisfactionSum = snapshot.SatisfactionSum,
            SatisfactionCount = snapshot.SatisfactionCount,
            Promoters = snapshot.Promoters,
            Detractors = snapshot.Detractors,
            NpsCount = snapshot.NpsCount,
            RetiredTasks = snapshot.RetiredTasks,
        };
        if (snapshot.LastEventAt is { } last)
        {
            state.LastEventAtTicks = last.UtcTicks;
        }

        foreach (var id in snapshot.Identifiers)
        {
            state.Identifiers.Add(new IdentifierRegister
            {
                Kind = (Wire.IdentifierKind)id.Identifier.Kind,
                Key = id.Identifier.Key,
                Display = id.Identifier.Display,
                Shared = id.Identifier.Shared,
                Linked = id.Linked,
                LinkedAtTicks = id.Identifier.LinkedAt.UtcTicks,
                Stamp = new Stamp { Ticks = id.Ticks, EventId = id.EventId },
            });
        }

        foreach (var c in snapshot.Channels)
        {
            state.Channels.Add(new ChannelTotals
            {
                Channel = (Wire.Channel)c.Channel,
                Count = c.Count,
                LastTicks = c.LastTicks,
                WaitingTicks = c.WaitingTicks,
                WaitingCount = c.WaitingCount,
                HandlingTicks = c.HandlingTicks,
                HandlingCount = c.HandlingCount,
            });
        }

        foreach (var day in snapshot.DailyContacts)
        {
            var daily = new DailyContacts { DayNumber = day.DayNumber };
            daily.Counts.Add(day.Counts);
            state.DailyContacts.Add(daily);
        }

        state.RecentEventHashes.Add(snapshot.RecentEventHashes);
        return state;
    }

    /// <summary>Maps a persisted message back to a snapshot.</summary>
    /// <exception cref="InvalidDataException">The message is of an unknown format or holds an event that does not decode.</exception>
    public static ProfileSnapshot FromState(ProfileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Format != CurrentFormat)
        {
            throw new InvalidDataException($"Stored profile state has format {state.Format}; this node reads format {CurrentFormat}.");
        }

        var identifiers = new List<IdentifierSnapshot>(state.Identifiers.Count);
        foreach (var id in state.Identifiers)
        {
            identifiers.Add(new(
                new LinkedIdentifier((IdentifierKind)id.Kind, id.Key, id.Display, id.Shared, Instant(id.LinkedAtTicks)),
                id.Linked,
                id.Stamp?.Ticks ?? 0,
                id.Stamp?.EventId ?? string.Empty));
        }

        var interactions = new List<InteractionEntry>(state.Interactions.Count);
        foreach (var message in state.Interactions)
        {
            var e = Decode(message);
            interactions.Add(new(e.Id.Value, e.Channel, e.OccurredAt, e.SourceSystem, Expect<InteractionRecorded>(e)));
        }

        var channels = new List<ChannelTotalsSnapshot>(state.Channels.Count);
        foreach (var c in state.Channels)
        {
            channels.Add(new((DomainChannel)c.Channel, c.Count, c.LastTicks, c.WaitingTicks, c.WaitingCount, c.HandlingTicks, c.HandlingCount));
        }

        var daily = new List<DailyContactsSnapshot>(state.DailyContacts.Count);
        foreach (var d in state.DailyContacts)
        {
            daily.Add(new(d.DayNumber, [.. d.Counts]));
        }

        var feedback = new List<FeedbackEntry>(state.Feedback.Count);
        foreach (var message in state.Feedback)
        {
            var e = Decode(message);
            feedback.Add(new(e.Id.Value, e.Channel, e.OccurredAt, Expect<FeedbackGiven>(e)));
        }

        var lifecycle = new List<LifecycleEventSnapshot>(state.LifecycleEvents.Count);
        foreach (var message in state.LifecycleEvents)
        {
            var e = Decode(message);
            lifecycle.Add(new(e.Id.Value, e.Channel, e.OccurredAt, Expect<LifecycleEvent>(e)));
        }

        return new ProfileSnapshot
        {
            CustomerId = state.CustomerId,
            Revision = state.Revision,
            LastEventAt = state.HasLastEventAtTicks ? Instant(state.LastEventAtTicks) : null,
            Attributes = FromRegisters(state.Attributes),
            Identifiers = identifiers,
            Interactions = interactions,
            FoldedInteractions = state.FoldedInteractions,
            TotalInteractions = state.TotalInteractions,
            FirstContactKnown = state.FirstContactKnown,
            FirstContactResolved = state.FirstContactResolved,
            Channels = channels,
            DailyContacts = daily,
            Feedback = feedback,
            FeedbackCount = state.FeedbackCount,
            SatisfactionSum = state.SatisfactionSum,
            SatisfactionCount = state.SatisfactionCount,
            Promoters = state.Promoters,
            Detractors = state.Detractors,
            NpsCount = state.NpsCount,
            LifecycleEvents = lifecycle,
            RetiredTasks = state.RetiredTasks,
            RecentEventHashes = RecentEventHashes(state),
        };
    }

    private static Wire.ChannelEvent Envelope(CustomerId customer, string eventId, DomainChannel channel, DateTimeOffset occurredAt, string source, EventPayload payload) =>
        ChannelEventEncoder.Encode(new DomainEvent(EventId.Parse(eventId), customer, channel, occurredAt, source, payload));

    private static DomainEvent Decode(Wire.ChannelEvent message)
    {
        var result = ChannelEventDecoder.Map(message);
        return result.Event ?? throw new InvalidDataException($"Stored event {message.EventId} does not decode: {result.Reason}");
    }

    private static T Expect<T>(DomainEvent e)
        where T : EventPayload =>
        e.Payload as T ?? throw new InvalidDataException($"Stored event {e.Id} has payload {e.Payload.Name} where {typeof(T).Name} was expected.");

    private static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);
}
