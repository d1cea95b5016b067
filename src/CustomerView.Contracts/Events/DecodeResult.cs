using System.Diagnostics.CodeAnalysis;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Events;

/// <summary>The outcome of decoding one Kafka record: the event, or the error category and a reason for a person.</summary>
/// <remarks>Only <see cref="ChannelEventDecoder"/> creates results; <c>default</c> is neither a success nor a failure.</remarks>
public readonly record struct DecodeResult
{
    private DecodeResult(DomainEvent? domainEvent, DecodeError error, string? reason)
    {
        Event = domainEvent;
        Error = error;
        Reason = reason;
    }

    /// <summary>The decoded event; <see langword="null"/> when decoding failed.</summary>
    public DomainEvent? Event { get; }

    /// <summary>The error category; <see cref="DecodeError.None"/> on success.</summary>
    public DecodeError Error { get; }

    /// <summary>Why decoding failed, e.g. "customer id is missing"; <see langword="null"/> on success.</summary>
    public string? Reason { get; }

    /// <summary>Whether an event was decoded.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Event is not null;

    internal static DecodeResult Success(DomainEvent domainEvent) => new(domainEvent, DecodeError.None, null);

    internal static DecodeResult Failure(DecodeError error, string reason) => new(null, error, reason);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"decoded {Event.Payload.Name} {Event.Id}" : $"{Error}: {Reason}";
}
