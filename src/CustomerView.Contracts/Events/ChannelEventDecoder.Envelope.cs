using CustomerView.Contracts.Mapping;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;

namespace CustomerView.Contracts.Events;

public sealed partial class ChannelEventDecoder
{
    private static DecodeResult MapEnvelope(V1.ChannelEvent message)
    {
        if (!EventId.TryCreate(message.EventId, out var eventId, out var eventIdError))
        {
            return message.EventId.Length == 0 ? Missing(DecodeError.MissingEventId, "event id") : Invalid(eventIdError);
        }

        if (!CustomerId.TryCreate(message.CustomerId, out var customerId, out var customerIdError))
        {
            return message.CustomerId.Length == 0 ? Missing(DecodeError.MissingCustomerId, "customer id") : Invalid(customerIdError);
        }

        var channel = (Channel)message.Channel;
        if (channel == Channel.Unspecified)
        {
            return Missing(DecodeError.MissingChannel, "channel");
        }

        if (!Enum.IsDefined(channel))
        {
            return Invalid(UnknownValue("channel", channel));
        }

        if (message.OccurredAt is null)
        {
            return Missing(DecodeError.MissingOccurredAt, "occurred_at");
        }

        if (!WireTime.TryToInstant(message.OccurredAt, out var occurredAt))
        {
            return Invalid(OutOfRange("occurred_at"));
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

        var correlationId = message.CorrelationId;
        return DecodeResult.Success(new DomainEvent(eventId, customerId, channel, occurredAt, CategoryStrings.Share(message.SourceSystem), payload)
        {
            CorrelationId = correlationId.Length > 0 ? correlationId : null,
        });
    }

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
    private static TimeSpan? Span(Google.Protobuf.WellKnownTypes.Duration? duration, string field, ref string? error)
    {
        if (duration is null)
        {
            return null;
        }

        if (WireTime.TryToTimeSpan(duration, out var span))
        {
            return span;
        }

        error ??= field + " is not a valid duration";
        return null;
    }
}
