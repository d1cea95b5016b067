using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// One history entry packed as bytes, as the history keeps it (<see cref="InteractionRing"/>). An
/// <see cref="InteractionEntry"/> with its details is about six objects (the entry, the details record and four
/// strings, ~400 B); packed, it is about 150 B inside the history's own byte array, and the entry is rebuilt when read.
/// The layout lives only in memory (snapshots are written in their own format from the fields read in place, see
/// <see cref="PackedInteractionFields"/>), so it can change freely.
/// </summary>
/// <remarks>
/// Layout: the occurrence instant's UTC ticks (8 bytes) and offset in minutes (2 bytes), little-endian; the event id;
/// varints for the channel, type and outcome; a flags byte (first-contact resolution known and its value, waiting and
/// handling durations present); the durations' ticks (8 bytes each) when present; then the source system, topic,
/// summary, staff id, related task id and related complaint id. Each string is a varint of its byte length shifted
/// left once, with the low bit set when it is stored as UTF-16 code units rather than UTF-8: a string with a lone
/// surrogate has no UTF-8 form and is kept exactly as it was.
/// </remarks>
internal static class PackedInteraction
{
    /// <summary>Where the event id starts, after the instant's ticks and offset.</summary>
    internal const int EventIdOffset = 10;
    private const int StackLimit = 1024;

    private const byte FirstContactKnown = 1;
    private const byte FirstContactResolved = 2;
    private const byte HasWaiting = 4;
    private const byte HasHandling = 8;

    /// <summary>Packs <paramref name="entry"/> into a new array of its exact length (nothing else is allocated for it).</summary>
    public static byte[] Pack(InteractionEntry entry)
    {
        var max = MaxLength(entry.EventId, entry.SourceSystem, entry.Details);
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : new byte[max];
        return buffer[..Write(buffer, entry.EventId, entry.Channel, entry.OccurredAt, entry.SourceSystem, entry.Details)].ToArray();
    }

    /// <summary>
    /// Packs an interaction into a buffer of its own (on the stack unless it is long) and hands the packed bytes to
    /// <paramref name="use"/>, which must not keep the span.
    /// </summary>
    public static void Pack<TState>(
        string eventId, Channel channel, DateTimeOffset occurredAt, string? sourceSystem, InteractionRecorded details,
        TState state, ReadOnlySpanAction<byte, TState> use)
    {
        var max = MaxLength(eventId, sourceSystem, details);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            use(buffer[..Write(buffer, eventId, channel, occurredAt, sourceSystem, details)], state);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The most bytes <see cref="Write"/> can take for an interaction with these strings.</summary>
    public static int MaxLength(string eventId, string? sourceSystem, InteractionRecorded details) =>
        EventIdOffset + (3 * 5) + 1 + 16
        + MaxString(eventId) + MaxString(sourceSystem) + MaxString(details.Topic) + MaxString(details.Summary)
        + MaxString(details.StaffId) + MaxString(details.RelatedTaskId) + MaxString(details.RelatedComplaintId);

    /// <summary>
    /// Packs an interaction with its envelope's fields into <paramref name="buffer"/>, which holds at least
    /// <see cref="MaxLength"/> bytes, and answers how many it wrote.
    /// </summary>
    public static int Write(Span<byte> buffer, string eventId, Channel channel, DateTimeOffset occurredAt, string? sourceSystem, InteractionRecorded details)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, occurredAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(buffer[8..], (short)occurredAt.TotalOffsetMinutes);
        var at = EventIdOffset;
        at += WriteString(buffer[at..], eventId);
        at += WriteVarint(buffer[at..], (uint)channel);
        at += WriteVarint(buffer[at..], (uint)details.Type);
        at += WriteVarint(buffer[at..], (uint)details.Outcome);
        var flags = details.ResolvedFirstContact switch
        {
            true => (byte)(FirstContactKnown | FirstContactResolved),
            false => FirstContactKnown,
            null => (byte)0,
        };
        flags |= details.WaitingDuration.HasValue ? HasWaiting : (byte)0;
        flags |= details.HandlingDuration.HasValue ? HasHandling : (byte)0;
        buffer[at++] = flags;
        if (details.WaitingDuration is { } waiting)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], waiting.Ticks);
            at += 8;
        }

        if (details.HandlingDuration is { } handling)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], handling.Ticks);
            at += 8;
        }

        at += WriteString(buffer[at..], sourceSystem);
        at += WriteString(buffer[at..], details.Topic);
        at += WriteString(buffer[at..], details.Summary);
        at += WriteString(buffer[at..], details.StaffId);
        at += WriteString(buffer[at..], details.RelatedTaskId);
        at += WriteString(buffer[at..], details.RelatedComplaintId);
        return at;
    }

    /// <summary>Rebuilds the entry <paramref name="span"/> holds.</summary>
    public static InteractionEntry Unpack(ReadOnlySpan<byte> span)
    {
        var fields = PackedInteractionFields.Read(span);
        var details = new InteractionRecorded
        {
            Type = fields.Type,
            Outcome = fields.Outcome,
            ResolvedFirstContact = fields.ResolvedFirstContact,
            WaitingDuration = fields.WaitingDuration,
            HandlingDuration = fields.HandlingDuration,
            Topic = ToString(fields.Topic),
            Summary = ToString(fields.Summary),
            StaffId = ToString(fields.StaffId),
            RelatedTaskId = ToString(fields.RelatedTaskId),
            RelatedComplaintId = ToString(fields.RelatedComplaintId),
        };
        return new(ToString(fields.EventId), fields.Channel, OccurredAt(span), ToString(fields.SourceSystem), details);
    }

    /// <summary>Whether the flags byte says the entry has a waiting duration.</summary>
    internal static bool HasWaitingDuration(byte flags) => (flags & HasWaiting) != 0;

    /// <summary>Whether the flags byte says the entry has a handling duration.</summary>
    internal static bool HasHandlingDuration(byte flags) => (flags & HasHandling) != 0;

    /// <summary>First-contact resolution as the flags byte records it.</summary>
    internal static bool? ResolvedFirstContactOf(byte flags) =>
        (flags & FirstContactKnown) == 0 ? null : (flags & FirstContactResolved) != 0;

    /// <summary>The entry's occurrence instant as UTC ticks, the history's first sort key.</summary>
    public static long Ticks(ReadOnlySpan<byte> packed) => BinaryPrimitives.ReadInt64LittleEndian(packed);

    /// <summary>The entry's topic, read without rebuilding the rest of it.</summary>
    public static string Topic(ReadOnlySpan<byte> packed) => ToString(PackedInteractionFields.Read(packed).Topic);

    /// <summary>Compares the entry's event id with <paramref name="eventId"/> ordinally (the history's second sort key).</summary>
    public static int CompareEventId(ReadOnlySpan<byte> packed, string eventId)
    {
        var at = EventIdOffset;
        var id = ReadText(packed, ref at);
        var bytes = id.Bytes;
        if (id.IsUtf16)
        {
            return MemoryMarshal.Cast<byte, char>(bytes).SequenceCompareTo(eventId);
        }

        char[]? rented = null;
        var chars = bytes.Length <= StackLimit / 2 ? stackalloc char[StackLimit / 2] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(bytes, chars);
            return ((ReadOnlySpan<char>)chars[..length]).SequenceCompareTo(eventId);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static DateTimeOffset OccurredAt(ReadOnlySpan<byte> span)
    {
        var utc = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span), TimeSpan.Zero);
        var offset = BinaryPrimitives.ReadInt16LittleEndian(span[8..]);
        return offset == 0 ? utc : utc.ToOffset(TimeSpan.FromMinutes(offset));
    }

    private static int MaxString(string? value) => 5 + (3 * (value?.Length ?? 0));

    private static int WriteString(Span<byte> destination, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            destination[0] = 0;
            return 1;
        }

        // The header's width depends on the length, which is known only after transcoding: transcode past a
        // worst-case header, then move the bytes back when the header came out shorter.
        var reserved = VarintLength((uint)(3 * value.Length) << 1);
        uint header;
        int length;
        if (Utf8.FromUtf16(value, destination[reserved..], out _, out length, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            header = (uint)length << 1;
        }
        else
        {
            var utf16 = MemoryMarshal.AsBytes(value.AsSpan());
            utf16.CopyTo(destination[reserved..]);
            length = utf16.Length;
            header = ((uint)length << 1) | 1;
        }

        var headerLength = VarintLength(header);
        if (headerLength != reserved)
        {
            destination.Slice(reserved, length).CopyTo(destination[headerLength..]);
        }

        WriteVarint(destination, header);
        return headerLength + length;
    }

    /// <summary>Reads a string's bytes in place and moves past them.</summary>
    internal static PackedText ReadText(ReadOnlySpan<byte> span, scoped ref int at)
    {
        var header = ReadVarint(span, ref at);
        var length = (int)(header >> 1);
        var bytes = span.Slice(at, length);
        at += length;
        return new PackedText(bytes, (header & 1) != 0);
    }

    private static string ToString(PackedText text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        return text.IsUtf16 ? new string(MemoryMarshal.Cast<byte, char>(text.Bytes)) : Encoding.UTF8.GetString(text.Bytes);
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    /// <summary>Reads a varint and moves past it.</summary>
    internal static uint ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        uint value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = span[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VarintLength(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
}
