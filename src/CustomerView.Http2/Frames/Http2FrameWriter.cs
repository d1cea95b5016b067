using System.Buffers;
using System.Buffers.Binary;

namespace CustomerView.Http2.Frames;

/// <summary>Writes frames into a connection's output (RFC 9113 §6). Flow control and stream state are the caller's.</summary>
internal static class Http2FrameWriter
{
    /// <summary>Writes a SETTINGS frame with <paramref name="settings"/>, in order.</summary>
    public static void WriteSettings(IBufferWriter<byte> output, ReadOnlySpan<(Http2SettingId Id, uint Value)> settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Http2FrameHeader.Size + (settings.Length * 6));
        new Http2FrameHeader(settings.Length * 6, Http2FrameType.Settings, Http2FrameFlags.None, 0).Write(span);
        var at = Http2FrameHeader.Size;
        foreach (var (id, value) in settings)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)id);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 2)..], value);
            at += 6;
        }

        output.Advance(at);
    }

    /// <summary>Acknowledges the peer's SETTINGS.</summary>
    public static void WriteSettingsAck(IBufferWriter<byte> output) => WriteFrame(output, Http2FrameType.Settings, Http2FrameFlags.Ack, 0, []);

    /// <summary>Writes a PING, or its acknowledgement, with its 8 bytes of opaque data.</summary>
    public static void WritePing(IBufferWriter<byte> output, bool ack, ulong opaqueData)
    {
        Span<byte> payload = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(payload, opaqueData);
        WriteFrame(output, Http2FrameType.Ping, ack ? Http2FrameFlags.Ack : Http2FrameFlags.None, 0, payload);
    }

    /// <summary>Opens a stream's (or, with stream 0, the connection's) receive window by <paramref name="increment"/> (1 to 2³¹ − 1).</summary>
    public static void WriteWindowUpdate(IBufferWriter<byte> output, int streamId, int increment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streamId);
        ArgumentOutOfRangeException.ThrowIfLessThan(increment, 1);
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, increment);
        WriteFrame(output, Http2FrameType.WindowUpdate, Http2FrameFlags.None, streamId, payload);
    }

    /// <summary>Ends a stream with <paramref name="error"/>.</summary>
    public static void WriteRstStream(IBufferWriter<byte> output, int streamId, Http2ErrorCode error)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamId);
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)error);
        WriteFrame(output, Http2FrameType.RstStream, Http2FrameFlags.None, streamId, payload);
    }

    /// <summary>Tells the peer the connection is ending: the last stream this end will process, why, and a reason for people.</summary>
    public static void WriteGoAway(IBufferWriter<byte> output, int lastStreamId, Http2ErrorCode error, ReadOnlySpan<byte> debugData)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(lastStreamId);
        var span = output.GetSpan(Http2FrameHeader.Size + 8 + debugData.Length);
        new Http2FrameHeader(8 + debugData.Length, Http2FrameType.GoAway, Http2FrameFlags.None, 0).Write(span);
        BinaryPrimitives.WriteInt32BigEndian(span[Http2FrameHeader.Size..], lastStreamId);
        BinaryPrimitives.WriteUInt32BigEndian(span[(Http2FrameHeader.Size + 4)..], (uint)error);
        debugData.CopyTo(span[(Http2FrameHeader.Size + 8)..]);
        output.Advance(Http2FrameHeader.Size + 8 + debugData.Length);
    }

    /// <summary>
    /// Writes a header block as one HEADERS frame and as many CONTINUATION frames as <paramref name="maxFrameSize"/>
    /// (the peer's SETTINGS_MAX_FRAME_SIZE) needs, END_STREAM on the HEADERS when <paramref name="endStream"/>.
    /// </summary>
    public static void WriteHeaders(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> headerBlock, bool endStream, int maxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, Http2Settings.MaxMaxFrameSize);
        var first = Math.Min(headerBlock.Length, maxFrameSize);
        var flags = (endStream ? Http2FrameFlags.EndStream : Http2FrameFlags.None) | (first == headerBlock.Length ? Http2FrameFlags.EndHeaders : Http2FrameFlags.None);
        WriteFrame(output, Http2FrameType.Headers, flags, streamId, headerBlock[..first]);
        var rest = headerBlock[first..];
        while (rest.Length > 0)
        {
            var length = Math.Min(rest.Length, maxFrameSize);
            WriteFrame(output, Http2FrameType.Continuation, length == rest.Length ? Http2FrameFlags.EndHeaders : Http2FrameFlags.None, streamId, rest[..length]);
            rest = rest[length..];
        }
    }

    /// <summary>Writes <paramref name="data"/> as DATA frames of at most <paramref name="maxFrameSize"/> bytes, END_STREAM on the last when <paramref name="endStream"/>.</summary>
    public static void WriteData(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> data, bool endStream, int maxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, Http2Settings.MaxMaxFrameSize);
        do
        {
            var length = Math.Min(data.Length, maxFrameSize);
            var last = length == data.Length;
            WriteFrame(output, Http2FrameType.Data, last && endStream ? Http2FrameFlags.EndStream : Http2FrameFlags.None, streamId, data[..length]);
            data = data[length..];
        }
        while (data.Length > 0);
    }

    /// <summary>Writes one frame with <paramref name="payload"/>.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, Http2FrameType type, Http2FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Http2FrameHeader.Size + payload.Length);
        new Http2FrameHeader(payload.Length, type, flags, streamId).Write(span);
        payload.CopyTo(span[Http2FrameHeader.Size..]);
        output.Advance(Http2FrameHeader.Size + payload.Length);
    }
}
