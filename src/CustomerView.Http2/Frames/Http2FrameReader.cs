using System.Buffers;

namespace CustomerView.Http2.Frames;

/// <summary>What <see cref="Http2FrameReader.TryRead"/> found at the start of the buffer.</summary>
internal enum Http2FrameReadStatus
{
    /// <summary>Not a whole frame yet: read more.</summary>
    NeedMore,

    /// <summary>A whole frame, now taken off the buffer.</summary>
    Frame,

    /// <summary>A frame longer than this end's SETTINGS_MAX_FRAME_SIZE: a FRAME_SIZE_ERROR (RFC 9113 §4.2).</summary>
    TooLarge,
}

/// <summary>Cuts whole frames off a connection's input, and takes a frame's padding and priority fields off its payload.</summary>
internal static class Http2FrameReader
{
    /// <summary>The client connection preface (RFC 9113 §3.4), before its SETTINGS frame.</summary>
    public static ReadOnlySpan<byte> ClientPreface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>
    /// Takes the first frame off <paramref name="buffer"/> when it is whole; its payload stays a slice of the buffer's
    /// memory, valid until the reader advances past it.
    /// </summary>
    public static Http2FrameReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out Http2FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!Http2FrameHeader.TryRead(buffer, out header))
        {
            return Http2FrameReadStatus.NeedMore;
        }

        if (header.Length > maxFrameSize)
        {
            return Http2FrameReadStatus.TooLarge;
        }

        if (buffer.Length < Http2FrameHeader.Size + header.Length)
        {
            return Http2FrameReadStatus.NeedMore;
        }

        payload = buffer.Slice(Http2FrameHeader.Size, header.Length);
        buffer = buffer.Slice(payload.End);
        return Http2FrameReadStatus.Frame;
    }

    /// <summary>
    /// Takes the padding (PADDED) and, on HEADERS, the priority fields (PRIORITY) off a DATA or HEADERS payload.
    /// Returns <see cref="Http2ErrorCode.NoError"/>, or the connection error the frame is: FRAME_SIZE_ERROR when the
    /// payload is too short to hold the pad length or the priority fields (RFC 9113 §4.2), PROTOCOL_ERROR when the
    /// padding is not shorter than what remains (§6.1, §6.2).
    /// </summary>
    public static Http2ErrorCode StripPaddingAndPriority(in Http2FrameHeader header, ref ReadOnlySequence<byte> payload)
    {
        var padding = 0;
        if (header.Has(Http2FrameFlags.Padded))
        {
            if (payload.Length < 1)
            {
                return Http2ErrorCode.FrameSizeError;
            }

            padding = payload.FirstSpan[0];
            payload = payload.Slice(1);
        }

        var priority = header.Type == Http2FrameType.Headers && header.Has(Http2FrameFlags.Priority) ? 5 : 0;
        if (payload.Length < priority)
        {
            return Http2ErrorCode.FrameSizeError;
        }

        if (payload.Length < priority + padding)
        {
            return Http2ErrorCode.ProtocolError;
        }

        payload = payload.Slice(priority, payload.Length - priority - padding);
        return Http2ErrorCode.NoError;
    }
}
