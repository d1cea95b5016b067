namespace CustomerView.Contracts.Events;

/// <summary>Why a Kafka record could not be decoded into a domain event; the dead-letter category.</summary>
public enum DecodeError
{
    /// <summary>Decoded: no error.</summary>
    None = 0,

    /// <summary>The content type is neither protobuf nor JSON.</summary>
    UnsupportedContentType = 1,

    /// <summary>The record value is larger than <see cref="ChannelEventDecoderOptions.MaxRecordBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The bytes are not a <c>ChannelEvent</c> in the given format (garbage, truncated, malformed JSON, empty).</summary>
    Undecodable = 3,

    /// <summary>The event id is missing.</summary>
    MissingEventId = 4,

    /// <summary>The customer id is missing.</summary>
    MissingCustomerId = 5,

    /// <summary>The channel is missing (unspecified).</summary>
    MissingChannel = 6,

    /// <summary>The occurrence time is missing.</summary>
    MissingOccurredAt = 7,

    /// <summary>No payload this contract version knows: none at all, or one from a newer contract version.</summary>
    UnknownPayload = 8,

    /// <summary>A field holds a value that is not allowed: a malformed id, an unknown enum value, an out-of-range time, an impossible date.</summary>
    Invalid = 9,
}
