namespace CustomerView.Contracts.Events;

/// <summary>How a Kafka record value encodes its <c>ChannelEvent</c>.</summary>
public enum EventFormat
{
    /// <summary>A content type the decoder does not read.</summary>
    Unsupported = 0,

    /// <summary>Binary protobuf.</summary>
    Protobuf = 1,

    /// <summary>The canonical proto3 JSON mapping.</summary>
    Json = 2,
}
