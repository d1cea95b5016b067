using CustomerView.Domain.Identity;

namespace CustomerView.Domain.Events;

/// <summary>
/// One channel event as the profile sees it: the envelope every producer writes, with one typed payload.
/// </summary>
/// <param name="Id">Globally unique id; applying the same id twice changes nothing.</param>
/// <param name="CustomerId">The customer the event is about.</param>
/// <param name="Channel">Where it happened.</param>
/// <param name="OccurredAt">When it happened at the source; orders history and resolves attributes.</param>
/// <param name="SourceSystem">The system that produced it.</param>
/// <param name="Payload">What happened.</param>
public sealed record DomainEvent(
    EventId Id,
    CustomerId CustomerId,
    Channel Channel,
    DateTimeOffset OccurredAt,
    string SourceSystem,
    EventPayload Payload)
{
    /// <summary>Optional id tying the events of one journey together across channels.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The occurrence instant as UTC ticks, the key events are ordered by.</summary>
    internal long OccurredTicks => OccurredAt.UtcTicks;
}

/// <summary>What an event says happened.</summary>
public abstract record EventPayload
{
    private protected EventPayload()
    {
    }

    /// <summary>A short, stable name of the payload type, used in reasons and logs.</summary>
    public abstract string Name { get; }
}
