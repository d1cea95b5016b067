namespace CustomerView.Contracts.Events;

/// <summary>The content types of channel events and how a content-type header resolves to an <see cref="EventFormat"/>.</summary>
/// <remarks>
/// Matching ignores case, surrounding spaces and parameters ("application/json; charset=utf-8" is JSON).
/// A missing, empty or blank content type means binary protobuf, so producers that send no header keep working.
/// </remarks>
public static class EventContentTypes
{
    /// <summary>Binary protobuf: the content type producers should send.</summary>
    public const string Protobuf = "application/x-protobuf";

    /// <summary>Binary protobuf under its other common name; accepted when reading.</summary>
    public const string ProtobufAlternative = "application/protobuf";

    /// <summary>The canonical proto3 JSON mapping.</summary>
    public const string Json = "application/json";

    /// <summary>Resolves a content-type header value.</summary>
    public static EventFormat Resolve(string? contentType) => Resolve(contentType.AsSpan());

    /// <summary>Resolves a content-type header value.</summary>
    public static EventFormat Resolve(ReadOnlySpan<char> contentType)
    {
        if (contentType.Trim().IsEmpty)
        {
            return EventFormat.Protobuf;
        }

        var separator = contentType.IndexOf(';');
        var mediaType = (separator >= 0 ? contentType[..separator] : contentType).Trim();
        if (mediaType.Equals(Protobuf, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(ProtobufAlternative, StringComparison.OrdinalIgnoreCase))
        {
            return EventFormat.Protobuf;
        }

        return mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) ? EventFormat.Json : EventFormat.Unsupported;
    }

    /// <summary>Resolves a content-type header value given as UTF-8 bytes (as Kafka headers carry it), without allocating.</summary>
    public static EventFormat ResolveUtf8(ReadOnlySpan<byte> contentType)
    {
        // Media types are ASCII; anything longer than the longest known type plus parameters is unsupported anyway.
        const int MaxLength = 128;
        if (contentType.Length > MaxLength)
        {
            return EventFormat.Unsupported;
        }

        Span<char> chars = stackalloc char[contentType.Length];
        for (var i = 0; i < contentType.Length; i++)
        {
            var b = contentType[i];
            if (b > 0x7F)
            {
                return EventFormat.Unsupported;
            }

            chars[i] = (char)b;
        }

        return Resolve(chars);
    }
}
