using System.Buffers;
using System.Text;
using CustomerView.Contracts.Events;
using CustomerView.Contracts.Mapping;
using CustomerView.Contracts.State.V1;
using CustomerView.Domain.Profiles;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wire = CustomerView.Contracts.V1;
using DomainChannel = CustomerView.Domain.Channel;

namespace CustomerView.Contracts.State;

public static partial class ProfileStateCodec
{
    /// <summary>
    /// Writes a snapshot's bytes: the head message (everything but the stored events), then each stored event as one
    /// more element of its repeated field, encoded through one reused envelope, payload and timestamp instead of a
    /// new message tree per event. A repeated field's elements may follow the other fields on the wire, so the bytes
    /// parse to exactly <see cref="ToState"/>'s message. One per thread; the output buffer is reused across calls.
    /// </summary>
    private sealed class SnapshotWriter
    {
        private const byte InteractionsTag = (ProfileState.InteractionsFieldNumber << 3) | 2;
        private const int FeedbackTag = (ProfileState.FeedbackFieldNumber << 3) | 2;
        private const int LifecycleTag = (ProfileState.LifecycleEventsFieldNumber << 3) | 2;

        /// <summary>A buffer grown past this is dropped once its bytes are copied out (<see cref="TrimIfLarge"/>) rather than kept for the thread.</summary>
        private const int KeptBufferBytes = 1 << 20;

        [ThreadStatic]
        private static SnapshotWriter? _current;

        private readonly Wire.ChannelEvent _envelope = new();
        private readonly Timestamp _occurredAt = new();
        private readonly Wire.InteractionRecorded _interaction = new();
        private readonly Wire.FeedbackGiven _feedback = new();
        private ArrayBufferWriter<byte> _buffer = new(16 * 1024);

        public static SnapshotWriter Current => _current ??= new SnapshotWriter();

        /// <summary>Writes the snapshot into this thread's buffer; the span is valid until the thread's next call.</summary>
        public ReadOnlySpan<byte> Serialize(ProfileState head, string customerId, ProfileSnapshot snapshot)
        {
            var buffer = _buffer;
            buffer.ResetWrittenCount();
            head.WriteTo(buffer);
            if (snapshot.Interactions is IPackedInteractionHistory packed)
            {
                WritePacked(buffer, customerId, packed);
            }
            else
            {
                foreach (var entry in snapshot.Interactions)
                {
                    Envelope(customerId, entry.EventId, entry.Channel, entry.OccurredAt, entry.SourceSystem);
                    _envelope.InteractionRecorded = ChannelEventEncoder.FillInteraction(_interaction, entry.Details);
                    Write(buffer, InteractionsTag);
                }
            }

            foreach (var entry in snapshot.Feedback)
            {
                Envelope(customerId, entry.EventId, entry.Channel, entry.OccurredAt, string.Empty);
                _envelope.FeedbackGiven = ChannelEventEncoder.FillFeedback(_feedback, entry.Details);
                Write(buffer, FeedbackTag);
            }

            foreach (var entry in snapshot.LifecycleEvents)
            {
                Envelope(customerId, entry.EventId, entry.Channel, entry.OccurredAt, string.Empty);
                ChannelEventEncoder.SetPayload(_envelope, entry.Payload);
                Write(buffer, LifecycleTag);
            }

            _envelope.ClearPayload();
            return buffer.WrittenSpan;
        }

        /// <summary>Drops the buffer if an unusually large snapshot grew it; call once the written bytes are copied out.</summary>
        public void TrimIfLarge()
        {
            if (_buffer.Capacity > KeptBufferBytes)
            {
                _buffer = new ArrayBufferWriter<byte>(16 * 1024);
            }
        }

        /// <summary>A history kept packed (a live profile's snapshot) is written from its fields, none rebuilt.</summary>
        private static void WritePacked(ArrayBufferWriter<byte> buffer, string customerId, IPackedInteractionHistory packed)
        {
            var customer = Encoding.UTF8.GetBytes(customerId);
            for (var i = 0; i < packed.Count; i++)
            {
                PackedInteractionEncoder.Write(buffer, InteractionsTag, customer, packed.FieldsAt(i));
            }
        }

        private void Envelope(string customerId, string eventId, DomainChannel channel, DateTimeOffset occurredAt, string source)
        {
            _envelope.EventId = eventId;
            _envelope.CustomerId = customerId;
            _envelope.Channel = (Wire.Channel)channel;
            _envelope.OccurredAt = WireTime.Set(_occurredAt, occurredAt);
            _envelope.SourceSystem = source;
            _envelope.CorrelationId = string.Empty;
        }

        private void Write(ArrayBufferWriter<byte> buffer, int tag)
        {
            var span = buffer.GetSpan(10);
            var at = 0;
            WireVarint.Write(span, ref at, (uint)tag);
            WireVarint.Write(span, ref at, (uint)_envelope.CalculateSize());
            buffer.Advance(at);
            _envelope.WriteTo(buffer);
        }
    }
}
