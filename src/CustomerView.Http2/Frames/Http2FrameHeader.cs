using System.Buffers;
using System.Buffers.Binary;

namespace CustomerView.Http2.Frames;

/// <summary>A frame's 9-byte header (RFC 9113 §4.1): payload length, type, flags and stream (the reserved bit dropped).</summary>
internal readonly record struct Http2FrameHeader(int Length, Http2FrameType Type, Http2FrameFlags Flags, int StreamId)
{
    /// <summary>The header's size on the wire.</summary>
    public const int Size = 9;

    /// <summary>The largest payload length a header can carry (2²⁴ − 1).</summary>
    public const int MaxLength = 0xFF_FFFF;

    /// <summary>Whether <paramref name="flag"/> is set (<see cref="Http2FrameFlags.None"/> never is).</summary>
    public bool Has(Http2FrameFlags flag) => flag != Http2FrameFlags.None && (Flags & flag) == flag;

    /// <summary>END_STREAM, on the two frame types that carry it (DATA and HEADERS).</summary>
    public bool IsEndStream => Type is Http2FrameType.Data or Http2FrameType.Headers && (Flags & Http2FrameFlags.EndStream) != 0;

    /// <summary>ACK, on the two frame types that carry it (SETTINGS and PING).</summary>
    public bool IsAck => Type is Http2FrameType.Settings or Http2FrameType.Ping && (Flags & Http2FrameFlags.Ack) != 0;

    /// <summary>Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static Http2FrameHeader Read(ReadOnlySpan<byte> source) => new(
        (source[0] << 16) | (source[1] << 8) | source[2],
        (Http2FrameType)source[3],
        (Http2FrameFlags)source[4],
        (int)(BinaryPrimitives.ReadUInt32BigEndian(source[5..]) & 0x7FFF_FFFF));

    /// <summary>Reads a header from the start of <paramref name="source"/>, which may span segments; false when it holds fewer than <see cref="Size"/> bytes.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> source, out Http2FrameHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        if (source.FirstSpan.Length >= Size)
        {
            header = Read(source.FirstSpan);
            return true;
        }

        Span<byte> bytes = stackalloc byte[Size];
        source.Slice(0, Size).CopyTo(bytes);
        header = Read(bytes);
        return true;
    }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 0 … 2²⁴ − 1 or the stream id is negative.</exception>
    public void Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Length, MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegative(StreamId);
        destination[0] = (byte)(Length >> 16);
        destination[1] = (byte)(Length >> 8);
        destination[2] = (byte)Length;
        destination[3] = (byte)Type;
        destination[4] = (byte)Flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], StreamId);
    }
}
