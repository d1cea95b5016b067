using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Google.Protobuf;

namespace CustomerView.Contracts.Events;

/// <summary>
/// Decodes Kafka record values into domain events: binary protobuf or the canonical proto3 JSON mapping of
/// <c>customerview.v1.ChannelEvent</c>.
/// </summary>
/// <remarks>
/// <para>
/// Never throws for bad input: undecodable bytes, an unsupported content type, a missing or malformed envelope
/// field, an unknown payload or an out-of-range value all come back as a failed <see cref="DecodeResult"/> with a
/// <see cref="DecodeError"/> category and a reason, ready for a dead-letter topic. It checks what the wire
/// format can get wrong (presence, enum values, time ranges, date text); business rules (lengths, plausible dates,
/// legal transitions) stay with the profile.
/// </para>
/// <para>
/// Unknown fields are tolerated in both formats (binary protobuf drops them; JSON ignores them unless
/// <see cref="ChannelEventDecoderOptions.IgnoreUnknownJsonFields"/> is off), so producers may move to a newer
/// contract first. A payload of a kind this version does not know yields <see cref="DecodeError.UnknownPayload"/>.
/// </para>
/// <para>Thread-safe; one instance serves every consumer.</para>
/// </remarks>
public sealed partial class ChannelEventDecoder
{
    private static readonly MessageParser<V1.ChannelEvent> BinaryParser = V1.ChannelEvent.Parser.WithDiscardUnknownFields(true);

    private readonly ChannelEventDecoderOptions _options;
    private readonly JsonParser _jsonParser;

    /// <summary>Creates a decoder.</summary>
    /// <param name="options">Its settings; <see langword="null"/> for <see cref="ChannelEventDecoderOptions.Default"/>.</param>
    public ChannelEventDecoder(ChannelEventDecoderOptions? options = null)
    {
        _options = options ?? ChannelEventDecoderOptions.Default;
        _jsonParser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(_options.IgnoreUnknownJsonFields));
    }

    /// <summary>A decoder with default settings.</summary>
    public static ChannelEventDecoder Default { get; } = new();

    /// <summary>The decoder's settings.</summary>
    public ChannelEventDecoderOptions Options => _options;

    /// <summary>Decodes a record value sent with <paramref name="contentType"/> (missing or empty means protobuf).</summary>
    public DecodeResult Decode(ReadOnlySpan<byte> value, string? contentType)
    {
        var format = EventContentTypes.Resolve(contentType);
        return format == EventFormat.Unsupported ? UnsupportedContentType(contentType) : Decode(value, format);
    }

    /// <summary>Decodes a record value sent with <paramref name="contentType"/> (missing or empty means protobuf).</summary>
    public DecodeResult Decode(ReadOnlyMemory<byte> value, string? contentType) => Decode(value.Span, contentType);

    /// <summary>Decodes a record value sent with <paramref name="contentType"/> (missing or empty means protobuf).</summary>
    public DecodeResult Decode(in ReadOnlySequence<byte> value, string? contentType)
    {
        var format = EventContentTypes.Resolve(contentType);
        return format == EventFormat.Unsupported ? UnsupportedContentType(contentType) : Decode(value, format);
    }

    /// <summary>Decodes a record value in <paramref name="format"/>.</summary>
    public DecodeResult Decode(ReadOnlySpan<byte> value, EventFormat format) => Decode(value, format, null);

    /// <summary>
    /// Decodes a record value in <paramref name="format"/>; when its customer id is <paramref name="knownCustomerId"/>
    /// (the caller's instance, say the customer the record's key found), the event shares that instance.
    /// </summary>
    public DecodeResult Decode(ReadOnlySpan<byte> value, EventFormat format, string? knownCustomerId)
    {
        if (CheckSize(value.Length, format) is { } failure)
        {
            return failure;
        }

        if (format == EventFormat.Json)
        {
            return DecodeJson(value);
        }

        return TryDecodeInteraction(value, knownCustomerId, out var result) ? result : DecodeProtobuf(value);
    }

    /// <summary>Decodes a record value in <paramref name="format"/>.</summary>
    public DecodeResult Decode(in ReadOnlySequence<byte> value, EventFormat format)
    {
        if (value.IsSingleSegment)
        {
            return Decode(value.FirstSpan, format);
        }

        if (CheckSize(value.Length, format) is { } failure)
        {
            return failure;
        }

        return format == EventFormat.Json ? DecodeJson(value) : DecodeProtobuf(value);
    }

    /// <summary>Maps an already parsed <c>ChannelEvent</c> to a domain event, with the same checks as decoding.</summary>
    public static DecodeResult Map(V1.ChannelEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MapEnvelope(message);
    }

    private DecodeResult? CheckSize(long length, EventFormat format)
    {
        if (format == EventFormat.Unsupported)
        {
            return DecodeResult.Failure(DecodeError.UnsupportedContentType, "content type is not supported");
        }

        if (length == 0)
        {
            return DecodeResult.Failure(DecodeError.Undecodable, "record value is empty");
        }

        return length > _options.MaxRecordBytes ? TooLarge(length) : null;
    }

    /// <summary>Decodes binary protobuf with the general parser alone, never the fast path (tests compare the two).</summary>
    internal static DecodeResult DecodeWithParser(ReadOnlySpan<byte> value) => DecodeProtobuf(value);

    private static DecodeResult DecodeProtobuf(ReadOnlySpan<byte> value)
    {
        V1.ChannelEvent message;
        try
        {
            message = BinaryParser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Undecodable("protobuf", ex);
        }

        var result = MapEnvelope(message);
        return result.Error == DecodeError.UnknownPayload ? UnknownPayload(UnknownFields.InProtobuf(value)) : result;
    }

    private static DecodeResult DecodeProtobuf(in ReadOnlySequence<byte> value)
    {
        V1.ChannelEvent message;
        try
        {
            message = BinaryParser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Undecodable("protobuf", ex);
        }

        var result = MapEnvelope(message);
        return result.Error == DecodeError.UnknownPayload ? UnknownPayload(UnknownFields.InProtobuf(value.ToArray())) : result;
    }

    private DecodeResult DecodeJson(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return DecodeResult.Failure(DecodeError.Undecodable, "JSON record value is not valid UTF-8");
        }

        V1.ChannelEvent message;
        try
        {
            message = _jsonParser.Parse<V1.ChannelEvent>(Encoding.UTF8.GetString(utf8));
        }
        catch (IOException ex)
        {
            // InvalidJsonException (malformed JSON) and InvalidProtocolBufferException (valid JSON, invalid message).
            return Undecodable("JSON", ex);
        }
        catch (FormatException ex)
        {
            return Undecodable("JSON", ex);
        }

        var result = MapEnvelope(message);
        return result.Error == DecodeError.UnknownPayload ? UnknownPayload(UnknownFields.InJson(utf8)) : result;
    }

    private DecodeResult DecodeJson(in ReadOnlySequence<byte> utf8)
    {
        var bytes = utf8.ToArray();
        return DecodeJson(bytes);
    }
}
