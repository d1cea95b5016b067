using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Events;

/// <summary>
/// The fast path for the commonest record, a binary <c>ChannelEvent</c> carrying an <c>InteractionRecorded</c>: read
/// in place into the domain event, without the protobuf object graph (message, payload message, timestamp and
/// durations) or a second copy of each string; the categorical strings come from <see cref="CategoryStrings"/> by
/// their UTF-8 bytes, so a known source system, topic or staff id costs no allocation, and the customer id is the
/// caller's instance when the bytes spell it.
/// </summary>
/// <remarks>
/// It accepts only what it can decode exactly as the general path would: the envelope's and the payload's known
/// fields, each at most once, with their declared wire types, valid UTF-8, and nothing else. Any other record (another
/// payload, an unknown or repeated field, a malformed one) goes to the general parser, so results and failure reasons
/// are the general path's in every case (a property test compares the two on random and corrupted records).
/// </remarks>
public sealed partial class ChannelEventDecoder
{
    // The wire's field numbers, as the generated messages declare them.
    private const int EventIdField = V1.ChannelEvent.EventIdFieldNumber;
    private const int CustomerIdField = V1.ChannelEvent.CustomerIdFieldNumber;
    private const int ChannelField = V1.ChannelEvent.ChannelFieldNumber;
    private const int OccurredAtField = V1.ChannelEvent.OccurredAtFieldNumber;
    private const int SourceSystemField = V1.ChannelEvent.SourceSystemFieldNumber;
    private const int CorrelationIdField = V1.ChannelEvent.CorrelationIdFieldNumber;
    private const int InteractionRecordedField = V1.ChannelEvent.InteractionRecordedFieldNumber;

    /// <summary>Decodes an interaction record in place; false when the general path must decide.</summary>
    private static bool TryDecodeInteraction(ReadOnlySpan<byte> value, string? knownCustomerId, out DecodeResult result)
    {
        result = default;
        ReadOnlySpan<byte> eventIdBytes = default, customerIdBytes = default, occurredAt = default;
        ReadOnlySpan<byte> sourceSystemBytes = default, correlationIdBytes = default, payload = default;
        ulong channelValue = 0;
        var seen = 0;
        var reader = new ProtoWire(value);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || field > InteractionRecordedField || (seen & (1 << field)) != 0)
            {
                return false;
            }

            seen |= 1 << field;
            if (field == ChannelField)
            {
                if (wireType != ProtoWire.Varint || !reader.TryReadVarint(out channelValue))
                {
                    return false;
                }

                continue;
            }

            if (wireType != ProtoWire.LengthDelimited || !reader.TryReadBytes(out var bytes))
            {
                return false;
            }

            switch (field)
            {
                case EventIdField: eventIdBytes = bytes; break;
                case CustomerIdField: customerIdBytes = bytes; break;
                case OccurredAtField: occurredAt = bytes; break;
                case SourceSystemField: sourceSystemBytes = bytes; break;
                case CorrelationIdField: correlationIdBytes = bytes; break;
                case InteractionRecordedField: payload = bytes; break;
                default: return false;
            }
        }

        if ((seen & (1 << InteractionRecordedField)) == 0
            || !CategoryStrings.TryDecode(eventIdBytes, out var eventIdText)
            || !TryCustomerId(customerIdBytes, knownCustomerId, out var customerIdText)
            || !CategoryStrings.TryShare(sourceSystemBytes, out var sourceSystem)
            || !CategoryStrings.TryDecode(correlationIdBytes, out var correlationId))
        {
            return false;
        }

        long seconds = 0;
        var nanos = 0;
        var hasOccurredAt = (seen & (1 << OccurredAtField)) != 0;
        if (hasOccurredAt && !ProtoWire.TryReadSecondsAndNanos(occurredAt, out seconds, out nanos))
        {
            return false;
        }

        string? error = null;
        if (!TryReadInteraction(payload, ref error, out var interaction))
        {
            return false;
        }

        result = CheckEnvelope(eventIdText, customerIdText, (int)channelValue, hasOccurredAt, seconds, nanos, out var envelope)
            ?? (error is not null ? Invalid(error) : Success(envelope, sourceSystem, correlationId, interaction));
        return true;
    }

    /// <summary>The customer id: <paramref name="known"/> itself when the bytes spell it (ASCII), otherwise decoded.</summary>
    private static bool TryCustomerId(ReadOnlySpan<byte> utf8, string? known, out string value)
    {
        if (known is not null && System.Text.Ascii.Equals(utf8, known))
        {
            value = known;
            return true;
        }

        return CategoryStrings.TryDecode(utf8, out value);
    }

    /// <summary>Reads an <c>InteractionRecorded</c> as <see cref="MapInteraction"/> maps it; false when the general path must decide.</summary>
    private static bool TryReadInteraction(ReadOnlySpan<byte> message, ref string? error, out InteractionRecorded interaction)
    {
        interaction = null!;
        ulong type = 0, outcome = 0, resolved = 0;
        ReadOnlySpan<byte> topic = default, summary = default, staffId = default, waiting = default, handling = default;
        ReadOnlySpan<byte> relatedTask = default, relatedComplaint = default;
        var seen = 0;
        var reader = new ProtoWire(message);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || field > V1.InteractionRecorded.RelatedComplaintIdFieldNumber || (seen & (1 << field)) != 0)
            {
                return false;
            }

            seen |= 1 << field;
            bool read;
            switch (field)
            {
                case V1.InteractionRecorded.TypeFieldNumber: read = wireType == ProtoWire.Varint && reader.TryReadVarint(out type); break;
                case V1.InteractionRecorded.OutcomeFieldNumber: read = wireType == ProtoWire.Varint && reader.TryReadVarint(out outcome); break;
                case V1.InteractionRecorded.ResolvedFirstContactFieldNumber: read = wireType == ProtoWire.Varint && reader.TryReadVarint(out resolved); break;
                case V1.InteractionRecorded.TopicFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out topic); break;
                case V1.InteractionRecorded.SummaryFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out summary); break;
                case V1.InteractionRecorded.StaffIdFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out staffId); break;
                case V1.InteractionRecorded.WaitingDurationFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out waiting); break;
                case V1.InteractionRecorded.HandlingDurationFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out handling); break;
                case V1.InteractionRecorded.RelatedTaskIdFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out relatedTask); break;
                case V1.InteractionRecorded.RelatedComplaintIdFieldNumber: read = wireType == ProtoWire.LengthDelimited && reader.TryReadBytes(out relatedComplaint); break;
                default: read = false; break;
            }

            if (!read)
            {
                return false;
            }
        }

        if (!CategoryStrings.TryShare(topic, out var topicText)
            || !CategoryStrings.TryDecode(summary, out var summaryText)
            || !CategoryStrings.TryShare(staffId, out var staffText)
            || !CategoryStrings.TryDecode(relatedTask, out var relatedTaskText)
            || !CategoryStrings.TryDecode(relatedComplaint, out var relatedComplaintText)
            || !TryDuration(waiting, (seen & (1 << V1.InteractionRecorded.WaitingDurationFieldNumber)) != 0, out var waitingSeconds, out var waitingNanos)
            || !TryDuration(handling, (seen & (1 << V1.InteractionRecorded.HandlingDurationFieldNumber)) != 0, out var handlingSeconds, out var handlingNanos))
        {
            return false;
        }

        interaction = new InteractionRecorded
        {
            Type = Known((InteractionType)(int)type, "interaction_recorded.type", ref error),
            Topic = topicText,
            Summary = summaryText,
            StaffId = staffText,
            Outcome = Known((InteractionOutcome)(int)outcome, "interaction_recorded.outcome", ref error),
            ResolvedFirstContact = (seen & (1 << V1.InteractionRecorded.ResolvedFirstContactFieldNumber)) != 0 ? resolved != 0 : null,
            WaitingDuration = Span((seen & (1 << V1.InteractionRecorded.WaitingDurationFieldNumber)) != 0, waitingSeconds, waitingNanos, "interaction_recorded.waiting_duration", ref error),
            HandlingDuration = Span((seen & (1 << V1.InteractionRecorded.HandlingDurationFieldNumber)) != 0, handlingSeconds, handlingNanos, "interaction_recorded.handling_duration", ref error),
            RelatedTaskId = relatedTaskText,
            RelatedComplaintId = relatedComplaintText,
        };
        return true;
    }

    private static bool TryDuration(ReadOnlySpan<byte> message, bool present, out long seconds, out int nanos)
    {
        seconds = 0;
        nanos = 0;
        return !present || ProtoWire.TryReadSecondsAndNanos(message, out seconds, out nanos);
    }
}
