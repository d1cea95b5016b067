using System.Buffers;
using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Events;
using Google.Protobuf;

namespace CustomerView.Contracts.Events;

/// <summary>
/// Encodes domain events as <c>customerview.v1.ChannelEvent</c>: what the demo traffic generator, the CLI and tests
/// produce. <see cref="ChannelEventDecoder"/> decodes every encoded event back to an equal one.
/// </summary>
public static partial class ChannelEventEncoder
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    /// <summary>The contract message for <paramref name="domainEvent"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="domainEvent"/> or its payload is <see langword="null"/>.</exception>
    public static V1.ChannelEvent Encode(DomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(domainEvent.Payload);
        var message = new V1.ChannelEvent
        {
            EventId = domainEvent.Id.Value ?? string.Empty,
            CustomerId = domainEvent.CustomerId.Value ?? string.Empty,
            Channel = (V1.Channel)domainEvent.Channel,
            OccurredAt = WireTime.ToTimestamp(domainEvent.OccurredAt),
            SourceSystem = domainEvent.SourceSystem ?? string.Empty,
            CorrelationId = domainEvent.CorrelationId ?? string.Empty,
        };
        SetPayload(message, domainEvent.Payload);
        return message;
    }

    /// <summary>The binary protobuf of <paramref name="domainEvent"/>, for content type <see cref="EventContentTypes.Protobuf"/>.</summary>
    public static byte[] ToBytes(DomainEvent domainEvent) => Encode(domainEvent).ToByteArray();

    /// <summary>Writes the binary protobuf of <paramref name="domainEvent"/> to <paramref name="output"/>.</summary>
    public static void WriteTo(DomainEvent domainEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Encode(domainEvent).WriteTo(output);
    }

    /// <summary>The canonical proto3 JSON of <paramref name="domainEvent"/>, for content type <see cref="EventContentTypes.Json"/>.</summary>
    public static string ToJson(DomainEvent domainEvent) => Json.Format(Encode(domainEvent));

    /// <summary>The record value of <paramref name="domainEvent"/> in <paramref name="format"/> (UTF-8 for JSON).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is <see cref="EventFormat.Unsupported"/>.</exception>
    public static byte[] ToRecordValue(DomainEvent domainEvent, EventFormat format) => format switch
    {
        EventFormat.Protobuf => ToBytes(domainEvent),
        EventFormat.Json => System.Text.Encoding.UTF8.GetBytes(ToJson(domainEvent)),
        _ => ThrowHelper.UnsupportedFormat(format),
    };
}
