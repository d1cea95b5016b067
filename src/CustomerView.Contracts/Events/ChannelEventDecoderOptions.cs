namespace CustomerView.Contracts.Events;

/// <summary>Settings of a <see cref="ChannelEventDecoder"/>.</summary>
public sealed record ChannelEventDecoderOptions
{
    /// <summary>The largest record value decoded (1 MiB by default); larger ones fail with <see cref="DecodeError.TooLarge"/>.</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether JSON fields this contract version does not know are ignored (the default), so producers on a newer
    /// contract version can add fields. A payload of an unknown kind still fails with <see cref="DecodeError.UnknownPayload"/>,
    /// because the event then carries no payload this version knows. When false, any unknown field makes the record
    /// <see cref="DecodeError.Undecodable"/>. Binary protobuf always tolerates unknown fields.
    /// </summary>
    public bool IgnoreUnknownJsonFields { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static ChannelEventDecoderOptions Default { get; } = new();
}
