using CustomerView.Contracts.Events;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Contracts.Tests;

/// <summary>
/// The in-place decoding of interaction records against the general protobuf parser: on random records, valid and
/// not, and on corrupted ones (bytes flipped, cut, repeated, unknown fields added), both give the same event or the
/// same failure and reason.
/// </summary>
public sealed class ChannelEventDecoderFastPathTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    private static readonly string[] Texts =
        ["", "a", "C-0000042", "cust-42", "card-declined", "mobile-backend", "agent-7", "Ünïcødé ✓", "𝄞 clef", new string('x', 64), new string('y', 65), new string('z', 300), " padded ", "evt-1"];

    [Fact]
    public void Decode_MatchesTheGeneralParser_ForRandomInteractionRecordsAndKnownCustomers()
    {
        var cases = from message in Messages() from known in Gen.Elements(Texts) select (message, known);
        Prop.ForAll(Arb.From(cases), c =>
        {
            var bytes = c.message.ToByteArray();
            AssertSame(ChannelEventDecoder.DecodeWithParser(bytes), ChannelEventDecoder.Default.Decode(bytes, EventFormat.Protobuf, c.known));
        }).Check(Config);
    }

    [Fact]
    public void Decode_MatchesTheGeneralParser_WhenInteractionRecordsAreCorrupted()
    {
        var corrupted = from message in Messages()
                        from kind in Gen.Choose(0, 5)
                        from at in Gen.Choose(0, 10_000)
                        from b in Gen.Choose(0, 255)
                        select Corrupt(message.ToByteArray(), kind, at, (byte)b);
        Prop.ForAll(Arb.From(corrupted), bytes =>
        {
            if (bytes.Length == 0)
            {
                return;
            }

            AssertSame(ChannelEventDecoder.DecodeWithParser(bytes), ChannelEventDecoder.Default.Decode(bytes, EventFormat.Protobuf));
        }).Check(Config);
    }

    [Fact]
    public void Decode_SharesTheKnownCustomerId_WhenTheRecordSpellsIt()
    {
        var bytes = Interaction().ToByteArray();
        var known = new string(Samples.CustomerText.AsSpan());

        var result = ChannelEventDecoder.Default.Decode(bytes, EventFormat.Protobuf, known);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Same(known, result.Event!.CustomerId.Value);
    }

    [Fact]
    public void Decode_DecodesTheCustomerId_WhenTheKnownOneDiffers()
    {
        var bytes = Interaction().ToByteArray();

        var result = ChannelEventDecoder.Default.Decode(bytes, EventFormat.Protobuf, "someone-else");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(Samples.CustomerText, result.Event!.CustomerId.Value);
    }

    [Fact]
    public void Decode_SharesCategoricalStrings_WhenTheyRepeatAcrossRecords()
    {
        var first = ChannelEventDecoder.Default.Decode(Interaction().ToByteArray(), EventFormat.Protobuf).Event!;
        var second = ChannelEventDecoder.Default.Decode(Interaction().ToByteArray(), EventFormat.Protobuf).Event!;

        var a = Assert.IsType<Domain.Events.InteractionRecorded>(first.Payload);
        var b = Assert.IsType<Domain.Events.InteractionRecorded>(second.Payload);
        Assert.Same(first.SourceSystem, second.SourceSystem);
        Assert.Same(a.Topic, b.Topic);
        Assert.Same(a.StaffId, b.StaffId);
        Assert.NotSame(first.Id.Value, second.Id.Value);
    }

    [Fact]
    public void Decode_AllocatesOnlyTheEventAndItsFreeText_WhenTheRecordIsAnInteraction()
    {
        var bytes = Interaction().ToByteArray();
        var decoder = ChannelEventDecoder.Default;
        for (var i = 0; i < 100; i++)
        {
            decoder.Decode(bytes, EventFormat.Protobuf, Samples.CustomerText);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(bytes, EventFormat.Protobuf, Samples.CustomerText);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var general = GC.GetAllocatedBytesForCurrentThread();
        ChannelEventDecoder.DecodeWithParser(bytes);
        general = GC.GetAllocatedBytesForCurrentThread() - general;

        Assert.True(result.IsSuccess, result.Reason);
        Assert.InRange(allocated, 1, general / 2);
    }

    private static V1.ChannelEvent Interaction()
    {
        var message = Samples.Message();
        message.InteractionRecorded = new V1.InteractionRecorded { Topic = "card-declined", Summary = "card declined abroad", StaffId = "agent-7" };
        return message;
    }

    private static void AssertSame(DecodeResult expected, DecodeResult actual)
    {
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Event, actual.Event);
    }

    private static byte[] Corrupt(byte[] bytes, int kind, int at, byte value)
    {
        var position = bytes.Length == 0 ? 0 : at % bytes.Length;
        switch (kind)
        {
            case 0:
                bytes[position] = value;
                return bytes;
            case 1:
                return bytes[..position];
            case 2:
                return [.. bytes[..position], value, .. bytes[position..]];
            case 3:
                // An unknown field (number 15, varint) at the end.
                return [.. bytes, (byte)(15 << 3), (byte)(value & 0x7F)];
            case 4:
                // The whole record twice: every field repeated, which protobuf merges.
                return [.. bytes, .. bytes];
            default:
                bytes[position] ^= (byte)(1 << (value % 8));
                return bytes;
        }
    }

    private static Gen<V1.ChannelEvent> Messages() =>
        from eventId in Text()
        from customerId in Text()
        from channel in Gen.Choose(-1, 12)
        from occurredAt in Gen.OneOf(Gen.Constant<Timestamp?>(null), Times())
        from sourceSystem in Text()
        from correlationId in Text()
        from interaction in Interactions()
        select new V1.ChannelEvent
        {
            EventId = eventId,
            CustomerId = customerId,
            Channel = (V1.Channel)channel,
            OccurredAt = occurredAt,
            SourceSystem = sourceSystem,
            CorrelationId = correlationId,
            InteractionRecorded = interaction,
        };

    private static Gen<V1.InteractionRecorded> Interactions() =>
        from type in Gen.Choose(-2, 6)
        from outcome in Gen.Choose(-2, 8)
        from topic in Text()
        from summary in Text()
        from staff in Text()
        from resolved in Gen.Choose(0, 2)
        from waiting in Gen.OneOf(Gen.Constant<Duration?>(null), Durations())
        from handling in Gen.OneOf(Gen.Constant<Duration?>(null), Durations())
        from relatedTask in Text()
        from relatedComplaint in Text()
        select Interaction(type, outcome, topic, summary, staff, resolved, waiting, handling, relatedTask, relatedComplaint);

    private static V1.InteractionRecorded Interaction(
        int type, int outcome, string topic, string summary, string staff, int resolved, Duration? waiting, Duration? handling, string relatedTask, string relatedComplaint)
    {
        var message = new V1.InteractionRecorded
        {
            Type = (V1.InteractionType)type,
            Outcome = (V1.InteractionOutcome)outcome,
            Topic = topic,
            Summary = summary,
            StaffId = staff,
            WaitingDuration = waiting,
            HandlingDuration = handling,
            RelatedTaskId = relatedTask,
            RelatedComplaintId = relatedComplaint,
        };
        if (resolved > 0)
        {
            message.ResolvedFirstContact = resolved == 2;
        }

        return message;
    }

    private static Gen<string> Text() => Gen.Elements(Texts);

    private static Gen<Timestamp?> Times() =>
        from seconds in Gen.Elements(0L, 1L, -1L, 1_700_000_000L, -62_135_596_800L, -62_135_596_801L, 253_402_300_799L, 253_402_300_800L, long.MinValue, long.MaxValue)
        from nanos in Gen.Elements(0, 1, 999_999_999, 1_000_000_000, -1, int.MinValue, 500)
        select (Timestamp?)new Timestamp { Seconds = seconds, Nanos = nanos };

    private static Gen<Duration?> Durations() =>
        from seconds in Gen.Elements(0L, 90L, -5L, 315_576_000_000L, 315_576_000_001L, long.MinValue)
        from nanos in Gen.Elements(0, 500_000_000, -500_000_000, 1_000_000_000, -1)
        select (Duration?)new Duration { Seconds = seconds, Nanos = nanos };
}
