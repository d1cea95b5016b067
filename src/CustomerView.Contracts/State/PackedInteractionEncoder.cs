using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using CustomerView.Contracts.Mapping;
using CustomerView.Domain.Profiles;
using Google.Protobuf;
using Wire = CustomerView.Contracts.V1;

namespace CustomerView.Contracts.State;

/// <summary>
/// Writes a packed history entry as one element of a repeated <see cref="Wire.ChannelEvent"/> field: the bytes
/// <see cref="Events.ChannelEventEncoder"/> makes of the rebuilt entry, field for field, but read from the packed
/// fields in place, so no entry, string or message is made. UTF-8 text is copied as it is; text kept as UTF-16 (a lone
/// surrogate) is transcoded with replacement, as protobuf writes such a string.
/// </summary>
internal static class PackedInteractionEncoder
{
    private const byte EventIdTag = (Wire.ChannelEvent.EventIdFieldNumber << 3) | 2;
    private const byte CustomerIdTag = (Wire.ChannelEvent.CustomerIdFieldNumber << 3) | 2;
    private const byte ChannelTag = Wire.ChannelEvent.ChannelFieldNumber << 3;
    private const byte OccurredAtTag = (Wire.ChannelEvent.OccurredAtFieldNumber << 3) | 2;
    private const byte SourceSystemTag = (Wire.ChannelEvent.SourceSystemFieldNumber << 3) | 2;
    private const byte InteractionTag = (Wire.ChannelEvent.InteractionRecordedFieldNumber << 3) | 2;

    private const byte TypeTag = Wire.InteractionRecorded.TypeFieldNumber << 3;
    private const byte TopicTag = (Wire.InteractionRecorded.TopicFieldNumber << 3) | 2;
    private const byte SummaryTag = (Wire.InteractionRecorded.SummaryFieldNumber << 3) | 2;
    private const byte StaffIdTag = (Wire.InteractionRecorded.StaffIdFieldNumber << 3) | 2;
    private const byte OutcomeTag = Wire.InteractionRecorded.OutcomeFieldNumber << 3;
    private const byte ResolvedTag = Wire.InteractionRecorded.ResolvedFirstContactFieldNumber << 3;
    private const byte WaitingTag = (Wire.InteractionRecorded.WaitingDurationFieldNumber << 3) | 2;
    private const byte HandlingTag = (Wire.InteractionRecorded.HandlingDurationFieldNumber << 3) | 2;
    private const byte RelatedTaskTag = (Wire.InteractionRecorded.RelatedTaskIdFieldNumber << 3) | 2;
    private const byte RelatedComplaintTag = (Wire.InteractionRecorded.RelatedComplaintIdFieldNumber << 3) | 2;

    /// <summary>Seconds and nanos tags, the same in Timestamp and Duration.</summary>
    private const byte SecondsTag = 1 << 3;
    private const byte NanosTag = 2 << 3;

    /// <summary>
    /// Writes the entry as field <paramref name="tag"/> (a length-delimited tag below 128) of the enclosing message,
    /// the envelope's customer id being <paramref name="customerId"/> (UTF-8).
    /// </summary>
    public static void Write(IBufferWriter<byte> output, byte tag, ReadOnlySpan<byte> customerId, scoped in PackedInteractionFields entry)
    {
        var eventId = TextLength(entry.EventId);
        var source = TextLength(entry.SourceSystem);
        var topic = TextLength(entry.Topic);
        var summary = TextLength(entry.Summary);
        var staff = TextLength(entry.StaffId);
        var relatedTask = TextLength(entry.RelatedTaskId);
        var relatedComplaint = TextLength(entry.RelatedComplaintId);
        var seconds = WireTime.TimestampParts(entry.UtcTicks, out var nanos);
        var occurredAt = TimeSize(seconds, nanos);
        var waitingSeconds = 0L;
        var waitingNanos = 0;
        var handlingSeconds = 0L;
        var handlingNanos = 0;
        if (entry.WaitingDuration is { } waiting)
        {
            waitingSeconds = WireTime.DurationParts(waiting, out waitingNanos);
        }

        if (entry.HandlingDuration is { } handling)
        {
            handlingSeconds = WireTime.DurationParts(handling, out handlingNanos);
        }

        var waitingSize = TimeSize(waitingSeconds, waitingNanos);
        var handlingSize = TimeSize(handlingSeconds, handlingNanos);
        var details = EnumField((int)entry.Type) + StringField(topic) + StringField(summary) + StringField(staff)
            + EnumField((int)entry.Outcome) + (entry.ResolvedFirstContact.HasValue ? 2 : 0)
            + (entry.WaitingDuration.HasValue ? MessageField(waitingSize) : 0)
            + (entry.HandlingDuration.HasValue ? MessageField(handlingSize) : 0)
            + StringField(relatedTask) + StringField(relatedComplaint);
        var envelope = StringField(eventId) + StringField(customerId.Length) + EnumField((int)entry.Channel)
            + MessageField(occurredAt) + StringField(source) + MessageField(details);
        var total = MessageField(envelope);

        Debug.Assert(tag < 0x80, "The enclosing field's tag is one varint byte.");
        var span = output.GetSpan(total);
        var at = 0;
        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)envelope);
        WriteText(span, ref at, EventIdTag, entry.EventId, eventId);
        WriteBytes(span, ref at, CustomerIdTag, customerId);
        WriteEnum(span, ref at, ChannelTag, (int)entry.Channel);
        span[at++] = OccurredAtTag;
        WireVarint.Write(span, ref at, (uint)occurredAt);
        WriteTime(span, ref at, seconds, nanos);
        WriteText(span, ref at, SourceSystemTag, entry.SourceSystem, source);
        span[at++] = InteractionTag;
        WireVarint.Write(span, ref at, (uint)details);
        WriteEnum(span, ref at, TypeTag, (int)entry.Type);
        WriteText(span, ref at, TopicTag, entry.Topic, topic);
        WriteText(span, ref at, SummaryTag, entry.Summary, summary);
        WriteText(span, ref at, StaffIdTag, entry.StaffId, staff);
        WriteEnum(span, ref at, OutcomeTag, (int)entry.Outcome);
        if (entry.ResolvedFirstContact is { } resolved)
        {
            span[at++] = ResolvedTag;
            span[at++] = resolved ? (byte)1 : (byte)0;
        }

        if (entry.WaitingDuration.HasValue)
        {
            span[at++] = WaitingTag;
            WireVarint.Write(span, ref at, (uint)waitingSize);
            WriteTime(span, ref at, waitingSeconds, waitingNanos);
        }

        if (entry.HandlingDuration.HasValue)
        {
            span[at++] = HandlingTag;
            WireVarint.Write(span, ref at, (uint)handlingSize);
            WriteTime(span, ref at, handlingSeconds, handlingNanos);
        }

        WriteText(span, ref at, RelatedTaskTag, entry.RelatedTaskId, relatedTask);
        WriteText(span, ref at, RelatedComplaintTag, entry.RelatedComplaintId, relatedComplaint);
        output.Advance(at);
    }

    /// <summary>The text's length in UTF-8 as protobuf writes it.</summary>
    private static int TextLength(PackedText text) =>
        text.IsUtf16 ? Encoding.UTF8.GetByteCount(MemoryMarshal.Cast<byte, char>(text.Bytes)) : text.Bytes.Length;

    private static int StringField(int length) => length == 0 ? 0 : MessageField(length);

    private static int MessageField(int length) => 1 + CodedOutputStream.ComputeLengthSize(length) + length;

    private static int EnumField(int value) => value == 0 ? 0 : 1 + CodedOutputStream.ComputeEnumSize(value);

    private static int TimeSize(long seconds, int nanos) =>
        (seconds == 0 ? 0 : 1 + CodedOutputStream.ComputeInt64Size(seconds)) + (nanos == 0 ? 0 : 1 + CodedOutputStream.ComputeInt32Size(nanos));

    private static void WriteText(Span<byte> span, ref int at, byte tag, PackedText text, int length)
    {
        if (length == 0)
        {
            return;
        }

        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)length);
        if (text.IsUtf16)
        {
            at += Encoding.UTF8.GetBytes(MemoryMarshal.Cast<byte, char>(text.Bytes), span[at..]);
        }
        else
        {
            text.Bytes.CopyTo(span[at..]);
            at += length;
        }
    }

    private static void WriteBytes(Span<byte> span, ref int at, byte tag, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)bytes.Length);
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
    }

    /// <summary>An enum or int32 field: a negative value is sign-extended to ten bytes, as protobuf writes it.</summary>
    private static void WriteEnum(Span<byte> span, ref int at, byte tag, int value)
    {
        if (value != 0)
        {
            span[at++] = tag;
            WireVarint.Write(span, ref at, (ulong)(long)value);
        }
    }

    private static void WriteTime(Span<byte> span, ref int at, long seconds, int nanos)
    {
        if (seconds != 0)
        {
            span[at++] = SecondsTag;
            WireVarint.Write(span, ref at, (ulong)seconds);
        }

        WriteEnum(span, ref at, NanosTag, nanos);
    }
}
