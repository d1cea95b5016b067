using System.Buffers;
using System.Buffers.Binary;

namespace CustomerView.Http2.Frames;

/// <summary>A frame's 9-byte header (RFC 9113 §4.1): payload length, type, flags and stream (the reserved bit dropped).</summary>
internal readonly record struct Http2FrameHeader(int Length, Http2FrameType Type, Http2FrameFlags Flags, int StreamId)
{
    /// <summary>The header's size on the wire.</summary>
    public const int Size = 9;

    /// <summary>Whether <paramref name="flag"/> is set.</summary>
    public bool Has(Http2FrameFlags flag) => (Flags & flag) == flag;

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
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(Length >> 16);
        destination[1] = (byte)(Length >> 8);
        destination[2] = (byte)Length;
        destination[3] = (byte)Type;
        destination[4] = (byte)Flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], StreamId & 0x7FFF_FFFF);
    }
}
