using System.Globalization;

namespace CustomerView.Contracts.Events;

public sealed partial class ChannelEventDecoder
{
    private static DecodeResult UnsupportedContentType(string? contentType) =>
        DecodeResult.Failure(
            DecodeError.UnsupportedContentType,
            $"content type '{contentType}' is not supported; use {EventContentTypes.Protobuf} or {EventContentTypes.Json}");

    private DecodeResult TooLarge(long length) =>
        DecodeResult.Failure(
            DecodeError.TooLarge,
            string.Create(CultureInfo.InvariantCulture, $"record value has {length} bytes, more than the {_options.MaxRecordBytes} allowed"));

    private static DecodeResult Undecodable(string format, Exception ex) =>
        DecodeResult.Failure(DecodeError.Undecodable, $"record value is not a {format} ChannelEvent: {ex.Message}");

    private static DecodeResult UnknownPayload(string? unknownFields) =>
        DecodeResult.Failure(
            DecodeError.UnknownPayload,
            unknownFields is null
                ? "event carries no payload"
                : $"event carries no payload this contract version knows (unknown fields: {unknownFields}); the producer may use a newer contract");

    private static DecodeResult Missing(DecodeError error, string what) => DecodeResult.Failure(error, what + " is missing");

    private static DecodeResult Invalid(string reason) => DecodeResult.Failure(DecodeError.Invalid, reason);

    private static string UnknownValue<T>(string field, T value)
        where T : struct, Enum =>
        $"{field} {value:D} is not a known value";

    private static string OutOfRange(string field) => field + " is not a valid time within years 1 to 9999";
}
