using CustomerView.Contracts.Mapping;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;

namespace CustomerView.Contracts.Events;

public sealed partial class ChannelEventDecoder
{
    private static DecodeResult MapEnvelope(V1.ChannelEvent message)
    {
        var occurredAt = message.OccurredAt;
        if (CheckEnvelope(message.EventId, message.CustomerId, (int)message.Channel, occurredAt is not null, occurredAt?.Seconds ?? 0, occurredAt?.Nanos ?? 0, out var envelope) is { } failure)
        {
            return failure;
        }

        if (message.PayloadCase == V1.ChannelEvent.PayloadOneofCase.None)
        {
            return UnknownPayload(null);
        }

        string? error = null;
        var payload = MapPayload(message, ref error);
        if (payload is null)
        {
            return Invalid(error ?? $"payload {message.PayloadCase} is not mapped");
        }

        return Success(envelope, CategoryStrings.Share(message.SourceSystem), message.CorrelationId, payload);
    }

    /// <summary>
    /// The envelope's checks, shared by the general parser's mapping and the in-place fast path: the first failure, in
    /// field order, or <see langword="null"/> with the checked values.
    /// </summary>
    private static DecodeResult? CheckEnvelope(
        string eventIdText, string customerIdText, int channelValue, bool hasOccurredAt, long seconds, int nanos, out Envelope envelope)
    {
        envelope = default;
        if (!EventId.TryCreate(eventIdText, out var eventId, out var eventIdError))
        {
            return eventIdText.Length == 0 ? Missing(DecodeError.MissingEventId, "event id") : Invalid(eventIdError);
        }

        if (!CustomerId.TryCreate(customerIdText, out var customerId, out var customerIdError))
        {
            return customerIdText.Length == 0 ? Missing(DecodeError.MissingCustomerId, "customer id") : Invalid(customerIdError);
        }

        var channel = (Channel)channelValue;
        if (channel == Channel.Unspecified)
        {
            return Missing(DecodeError.MissingChannel, "channel");
        }

        if (!Enum.IsDefined(channel))
        {
            return Invalid(UnknownValue("channel", channel));
        }

        if (!hasOccurredAt)
        {
            return Missing(DecodeError.MissingOccurredAt, "occurred_at");
        }

        if (!WireTime.TryToInstant(seconds, nanos, out var occurredAt))
        {
            return Invalid(OutOfRange("occurred_at"));
        }

        envelope = new Envelope(eventId, customerId, channel, occurredAt);
        return null;
    }

    private static DecodeResult Success(in Envelope envelope, string sourceSystem, string correlationId, EventPayload payload) =>
        DecodeResult.Success(new DomainEvent(envelope.EventId, envelope.CustomerId, envelope.Channel, envelope.OccurredAt, sourceSystem, payload)
        {
            CorrelationId = correlationId.Length > 0 ? correlationId : null,
        });

    /// <summary>Checks that <paramref name="value"/> is a defined member of its enum; records the first failure in <paramref name="error"/>.</summary>
    private static T Known<T>(T value, string field, ref string? error)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            error ??= UnknownValue(field, value);
        }

        return value;
    }

    /// <summary>An optional time: <see langword="null"/> when unset; records the failure when out of range.</summary>
    private static DateTimeOffset? Instant(Google.Protobuf.WellKnownTypes.Timestamp? timestamp, string field, ref string? error)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (WireTime.TryToInstant(timestamp, out var instant))
        {
            return instant;
        }

        error ??= OutOfRange(field);
        return null;
    }

    /// <summary>An optional duration: <see langword="null"/> when unset; records the failure when not normalised.</summary>
    private static TimeSpan? Span(Google.Protobuf.WellKnownTypes.Duration? duration, string field, ref string? error) =>
        Span(duration is not null, duration?.Seconds ?? 0, duration?.Nanos ?? 0, field, ref error);

    /// <summary>An optional duration from its parts: <see langword="null"/> when not <paramref name="present"/>; records the failure when not normalised.</summary>
    private static TimeSpan? Span(bool present, long seconds, int nanos, string field, ref string? error)
    {
        if (!present)
        {
            return null;
        }

        if (WireTime.TryToTimeSpan(seconds, nanos, out var span))
        {
            return span;
        }

        error ??= field + " is not a valid duration";
        return null;
    }

    /// <summary>A checked envelope.</summary>
    private readonly record struct Envelope(EventId EventId, CustomerId CustomerId, Channel Channel, DateTimeOffset OccurredAt);
}
