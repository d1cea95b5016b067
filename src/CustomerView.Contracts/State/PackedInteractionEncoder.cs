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
/// Writes a packed history entry as one element of a repeated field, either as a <see cref="Wire.ChannelEvent"/> (a
/// snapshot's history: the bytes <see cref="Events.ChannelEventEncoder"/> makes of the rebuilt entry) or as a
/// <see cref="Wire.Interaction"/> (a profile view's), field for field, but read from the packed fields in place, so no
/// entry, string or message is made. UTF-8 text is copied as it is; text kept as UTF-16 (a lone
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

    private const byte ViewEventIdTag = (Wire.Interaction.EventIdFieldNumber << 3) | 2;
    private const byte ViewChannelTag = Wire.Interaction.ChannelFieldNumber << 3;
    private const byte ViewOccurredAtTag = (Wire.Interaction.OccurredAtFieldNumber << 3) | 2;
    private const byte ViewTypeTag = Wire.Interaction.TypeFieldNumber << 3;
    private const byte ViewTopicTag = (Wire.Interaction.TopicFieldNumber << 3) | 2;
    private const byte ViewSummaryTag = (Wire.Interaction.SummaryFieldNumber << 3) | 2;
    private const byte ViewStaffIdTag = (Wire.Interaction.StaffIdFieldNumber << 3) | 2;
    private const byte ViewOutcomeTag = Wire.Interaction.OutcomeFieldNumber << 3;
    private const byte ViewResolvedTag = Wire.Interaction.ResolvedFirstContactFieldNumber << 3;
    private const byte ViewWaitingTag = (Wire.Interaction.WaitingDurationFieldNumber << 3) | 2;
    private const byte ViewHandlingTag = (Wire.Interaction.HandlingDurationFieldNumber << 3) | 2;
    private const byte ViewSourceSystemTag = (Wire.Interaction.SourceSystemFieldNumber << 3) | 2;
    private const byte ViewRelatedTaskTag = (Wire.Interaction.RelatedTaskIdFieldNumber << 3) | 2;
    private const byte ViewRelatedComplaintTag = (Wire.Interaction.RelatedComplaintIdFieldNumber << 3) | 2;

    /// <summary>Seconds and nanos tags, the same in Timestamp and Duration.</summary>
    private const byte SecondsTag = 1 << 3;
    private const byte NanosTag = 2 << 3;

    /// <summary>
    /// Writes the entry as field <paramref name="tag"/> (a length-delimited tag below 128) of the enclosing message,
    /// the envelope's customer id being <paramref name="customerId"/> (UTF-8).
    /// </summary>
    public static void Write(IBufferWriter<byte> output, byte tag, ReadOnlySpan<byte> customerId, scoped in PackedInteractionFields entry)
    {
        var sizes = new Sizes(entry);
        var details = EnumField((int)entry.Type) + StringField(sizes.Topic) + StringField(sizes.Summary) + StringField(sizes.StaffId)
            + EnumField((int)entry.Outcome) + sizes.ResolvedAndDurations + StringField(sizes.RelatedTask) + StringField(sizes.RelatedComplaint);
        var envelope = StringField(sizes.EventId) + StringField(customerId.Length) + EnumField((int)entry.Channel)
            + MessageField(sizes.OccurredAt) + StringField(sizes.Source) + MessageField(details);

        Debug.Assert(tag < 0x80, "The enclosing field's tag is one varint byte.");
        var span = output.GetSpan(MessageField(envelope));
        var at = 0;
        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)envelope);
        WriteText(span, ref at, EventIdTag, entry.EventId, sizes.EventId);
        WriteBytes(span, ref at, CustomerIdTag, customerId);
        WriteEnum(span, ref at, ChannelTag, (int)entry.Channel);
        WriteOccurredAt(span, ref at, OccurredAtTag, sizes);
        WriteText(span, ref at, SourceSystemTag, entry.SourceSystem, sizes.Source);
        span[at++] = InteractionTag;
        WireVarint.Write(span, ref at, (uint)details);
        WriteEnum(span, ref at, TypeTag, (int)entry.Type);
        WriteText(span, ref at, TopicTag, entry.Topic, sizes.Topic);
        WriteText(span, ref at, SummaryTag, entry.Summary, sizes.Summary);
        WriteText(span, ref at, StaffIdTag, entry.StaffId, sizes.StaffId);
        WriteEnum(span, ref at, OutcomeTag, (int)entry.Outcome);
        WriteResolvedAndDurations(span, ref at, ResolvedTag, WaitingTag, HandlingTag, entry, sizes);
        WriteText(span, ref at, RelatedTaskTag, entry.RelatedTaskId, sizes.RelatedTask);
        WriteText(span, ref at, RelatedComplaintTag, entry.RelatedComplaintId, sizes.RelatedComplaint);
        output.Advance(at);
    }

    /// <summary>
    /// Writes the entry as a <see cref="Wire.Interaction"/> in field <paramref name="tag"/> (a length-delimited tag below
    /// 128) of the enclosing message: the bytes protobuf makes of <see cref="Profiles.ProfileProjection.ToInteraction"/>'s
    /// message for the rebuilt entry.
    /// </summary>
    public static void WriteInteraction(IBufferWriter<byte> output, byte tag, scoped in PackedInteractionFields entry)
    {
        var sizes = new Sizes(entry);
        var length = StringField(sizes.EventId) + EnumField((int)entry.Channel) + MessageField(sizes.OccurredAt)
            + EnumField((int)entry.Type) + StringField(sizes.Topic) + StringField(sizes.Summary) + StringField(sizes.StaffId)
            + EnumField((int)entry.Outcome) + sizes.ResolvedAndDurations + StringField(sizes.Source)
            + StringField(sizes.RelatedTask) + StringField(sizes.RelatedComplaint);

        Debug.Assert(tag < 0x80, "The enclosing field's tag is one varint byte.");
        var span = output.GetSpan(MessageField(length));
        var at = 0;
        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)length);
        WriteText(span, ref at, ViewEventIdTag, entry.EventId, sizes.EventId);
        WriteEnum(span, ref at, ViewChannelTag, (int)entry.Channel);
        WriteOccurredAt(span, ref at, ViewOccurredAtTag, sizes);
        WriteEnum(span, ref at, ViewTypeTag, (int)entry.Type);
        WriteText(span, ref at, ViewTopicTag, entry.Topic, sizes.Topic);
        WriteText(span, ref at, ViewSummaryTag, entry.Summary, sizes.Summary);
        WriteText(span, ref at, ViewStaffIdTag, entry.StaffId, sizes.StaffId);
        WriteEnum(span, ref at, ViewOutcomeTag, (int)entry.Outcome);
        WriteResolvedAndDurations(span, ref at, ViewResolvedTag, ViewWaitingTag, ViewHandlingTag, entry, sizes);
        WriteText(span, ref at, ViewSourceSystemTag, entry.SourceSystem, sizes.Source);
        WriteText(span, ref at, ViewRelatedTaskTag, entry.RelatedTaskId, sizes.RelatedTask);
        WriteText(span, ref at, ViewRelatedComplaintTag, entry.RelatedComplaintId, sizes.RelatedComplaint);
        output.Advance(at);
    }

    private static void WriteOccurredAt(Span<byte> span, ref int at, byte tag, in Sizes sizes)
    {
        span[at++] = tag;
        WireVarint.Write(span, ref at, (uint)sizes.OccurredAt);
        WriteTime(span, ref at, sizes.Seconds, sizes.Nanos);
    }

    private static void WriteResolvedAndDurations(
        Span<byte> span, ref int at, byte resolvedTag, byte waitingTag, byte handlingTag, scoped in PackedInteractionFields entry, in Sizes sizes)
    {
        if (entry.ResolvedFirstContact is { } resolved)
        {
            span[at++] = resolvedTag;
            span[at++] = resolved ? (byte)1 : (byte)0;
        }

        if (entry.WaitingDuration.HasValue)
        {
            span[at++] = waitingTag;
            WireVarint.Write(span, ref at, (uint)sizes.Waiting);
            WriteTime(span, ref at, sizes.WaitingSeconds, sizes.WaitingNanos);
        }

        if (entry.HandlingDuration.HasValue)
        {
            span[at++] = handlingTag;
            WireVarint.Write(span, ref at, (uint)sizes.Handling);
            WriteTime(span, ref at, sizes.HandlingSeconds, sizes.HandlingNanos);
        }
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

    /// <summary>The UTF-8 lengths of an entry's texts and the parts and sizes of its times, computed once per entry.</summary>
    private readonly ref struct Sizes
    {
        public Sizes(scoped in PackedInteractionFields entry)
        {
            EventId = TextLength(entry.EventId);
            Source = TextLength(entry.SourceSystem);
            Topic = TextLength(entry.Topic);
            Summary = TextLength(entry.Summary);
            StaffId = TextLength(entry.StaffId);
            RelatedTask = TextLength(entry.RelatedTaskId);
            RelatedComplaint = TextLength(entry.RelatedComplaintId);
            Seconds = WireTime.TimestampParts(entry.UtcTicks, out var nanos);
            Nanos = nanos;
            OccurredAt = TimeSize(Seconds, Nanos);
            if (entry.WaitingDuration is { } waiting)
            {
                WaitingSeconds = WireTime.DurationParts(waiting, out var waitingNanos);
                WaitingNanos = waitingNanos;
            }

            if (entry.HandlingDuration is { } handling)
            {
                HandlingSeconds = WireTime.DurationParts(handling, out var handlingNanos);
                HandlingNanos = handlingNanos;
            }

            Waiting = TimeSize(WaitingSeconds, WaitingNanos);
            Handling = TimeSize(HandlingSeconds, HandlingNanos);
            ResolvedAndDurations = (entry.ResolvedFirstContact.HasValue ? 2 : 0)
                + (entry.WaitingDuration.HasValue ? MessageField(Waiting) : 0)
                + (entry.HandlingDuration.HasValue ? MessageField(Handling) : 0);
        }

        public int EventId { get; }

        public int Source { get; }

        public int Topic { get; }

        public int Summary { get; }

        public int StaffId { get; }

        public int RelatedTask { get; }

        public int RelatedComplaint { get; }

        public long Seconds { get; }

        public int Nanos { get; }

        /// <summary>The occurrence Timestamp's length.</summary>
        public int OccurredAt { get; }

        public long WaitingSeconds { get; }

        public int WaitingNanos { get; }

        /// <summary>The waiting Duration's length.</summary>
        public int Waiting { get; }

        public long HandlingSeconds { get; }

        public int HandlingNanos { get; }

        /// <summary>The handling Duration's length.</summary>
        public int Handling { get; }

        /// <summary>The bytes of the resolved-at-first-contact flag and the two durations, tags included.</summary>
        public int ResolvedAndDurations { get; }
    }
}
