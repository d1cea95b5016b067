namespace CustomerView.Http2.Frames;

/// <summary>HTTP/2 frame types (RFC 9113 §6).</summary>
internal enum Http2FrameType : byte
{
    Data = 0x0,
    Headers = 0x1,
    Priority = 0x2,
    RstStream = 0x3,
    Settings = 0x4,
    PushPromise = 0x5,
    Ping = 0x6,
    GoAway = 0x7,
    WindowUpdate = 0x8,
    Continuation = 0x9,
}

/// <summary>Frame flags (RFC 9113 §6); which apply depends on the frame type.</summary>
[Flags]
internal enum Http2FrameFlags : byte
{
    None = 0x0,

    /// <summary>END_STREAM on DATA and HEADERS; ACK on SETTINGS and PING (the same bit).</summary>
    EndStream = 0x1,

    /// <summary>ACK on SETTINGS and PING.</summary>
#pragma warning disable CA1069 // the protocol gives END_STREAM's bit this meaning on frames that have no stream
    Ack = 0x1,
#pragma warning restore CA1069

    /// <summary>END_HEADERS on HEADERS and CONTINUATION.</summary>
    EndHeaders = 0x4,

    /// <summary>PADDED on DATA and HEADERS.</summary>
    Padded = 0x8,

    /// <summary>PRIORITY on HEADERS.</summary>
    Priority = 0x20,
}

/// <summary>HTTP/2 error codes (RFC 9113 §7), for RST_STREAM and GOAWAY.</summary>
internal enum Http2ErrorCode : uint
{
    NoError = 0x0,
    ProtocolError = 0x1,
    InternalError = 0x2,
    FlowControlError = 0x3,
    SettingsTimeout = 0x4,
    StreamClosed = 0x5,
    FrameSizeError = 0x6,
    RefusedStream = 0x7,
    Cancel = 0x8,
    CompressionError = 0x9,
    ConnectError = 0xA,
    EnhanceYourCalm = 0xB,
    InadequateSecurity = 0xC,
    Http11Required = 0xD,
}
