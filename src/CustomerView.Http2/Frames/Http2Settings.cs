using System.Buffers.Binary;

namespace CustomerView.Http2.Frames;

/// <summary>SETTINGS parameters (RFC 9113 §6.5.2).</summary>
internal enum Http2SettingId : ushort
{
    HeaderTableSize = 0x1,
    EnablePush = 0x2,
    MaxConcurrentStreams = 0x3,
    InitialWindowSize = 0x4,
    MaxFrameSize = 0x5,
    MaxHeaderListSize = 0x6,
}

/// <summary>
/// One end's SETTINGS as the other end applies them (RFC 9113 §6.5): the protocol's defaults until a SETTINGS frame
/// changes them, values past <see cref="int.MaxValue"/> held as <see cref="int.MaxValue"/>, unknown parameters ignored.
/// </summary>
internal sealed class Http2Settings
{
    /// <summary>The smallest and the default SETTINGS_MAX_FRAME_SIZE.</summary>
    public const int MinMaxFrameSize = 16_384;

    /// <summary>The largest SETTINGS_MAX_FRAME_SIZE allowed.</summary>
    public const int MaxMaxFrameSize = 16_777_215;

    /// <summary>The largest flow-control window (RFC 9113 §6.9.1).</summary>
    public const int MaxWindowSize = int.MaxValue;

    /// <summary>The initial flow-control window of every stream and of the connection.</summary>
    public const int DefaultWindowSize = 65_535;

    /// <summary>SETTINGS_HEADER_TABLE_SIZE: the most the sender's HPACK decoder keeps.</summary>
    public int HeaderTableSize { get; private set; } = 4096;

    /// <summary>SETTINGS_ENABLE_PUSH.</summary>
    public bool EnablePush { get; private set; } = true;

    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS (unlimited until set).</summary>
    public int MaxConcurrentStreams { get; private set; } = int.MaxValue;

    /// <summary>SETTINGS_INITIAL_WINDOW_SIZE: each new stream's send window.</summary>
    public int InitialWindowSize { get; private set; } = DefaultWindowSize;

    /// <summary>SETTINGS_MAX_FRAME_SIZE: the largest frame payload the sender accepts.</summary>
    public int MaxFrameSize { get; private set; } = MinMaxFrameSize;

    /// <summary>SETTINGS_MAX_HEADER_LIST_SIZE (unlimited until set).</summary>
    public int MaxHeaderListSize { get; private set; } = int.MaxValue;

    /// <summary>
    /// Applies a SETTINGS frame's payload in order. Returns <see cref="Http2ErrorCode.NoError"/>, or the connection
    /// error the frame is (with <paramref name="reason"/>): a length that is not a multiple of 6, ENABLE_PUSH other than
    /// 0 or 1, an initial window over 2³¹ − 1, a frame size outside 2¹⁴ … 2²⁴ − 1. For a server applying a client's
    /// SETTINGS. The caller checks what the frame itself must be (stream 0, no payload on an ACK) and, when
    /// <see cref="InitialWindowSize"/> changes, moves every open stream's send window by the difference (§6.9.2).
    /// </summary>
    public Http2ErrorCode Apply(ReadOnlySpan<byte> payload, out string? reason)
    {
        if (payload.Length % 6 != 0)
        {
            reason = "a SETTINGS frame's length is not a multiple of 6";
            return Http2ErrorCode.FrameSizeError;
        }

        for (var i = 0; i < payload.Length; i += 6)
        {
            var id = (Http2SettingId)BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
            var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
            var clamped = (int)Math.Min(value, int.MaxValue);
            switch (id)
            {
                case Http2SettingId.HeaderTableSize:
                    HeaderTableSize = clamped;
                    break;
                case Http2SettingId.EnablePush when value > 1:
                    reason = "SETTINGS_ENABLE_PUSH is neither 0 nor 1";
                    return Http2ErrorCode.ProtocolError;
                case Http2SettingId.EnablePush:
                    EnablePush = value == 1;
                    break;
                case Http2SettingId.MaxConcurrentStreams:
                    MaxConcurrentStreams = clamped;
                    break;
                case Http2SettingId.InitialWindowSize when value > MaxWindowSize:
                    reason = "SETTINGS_INITIAL_WINDOW_SIZE is over 2^31 - 1";
                    return Http2ErrorCode.FlowControlError;
                case Http2SettingId.InitialWindowSize:
                    InitialWindowSize = clamped;
                    break;
                case Http2SettingId.MaxFrameSize when value is < MinMaxFrameSize or > MaxMaxFrameSize:
                    reason = "SETTINGS_MAX_FRAME_SIZE is outside 2^14 ... 2^24 - 1";
                    return Http2ErrorCode.ProtocolError;
                case Http2SettingId.MaxFrameSize:
                    MaxFrameSize = clamped;
                    break;
                case Http2SettingId.MaxHeaderListSize:
                    MaxHeaderListSize = clamped;
                    break;
            }
        }

        reason = null;
        return Http2ErrorCode.NoError;
    }
}
