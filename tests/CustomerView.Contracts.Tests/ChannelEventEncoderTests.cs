using System.Buffers;
using System.Text;
using CustomerView.Contracts.Events;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using Google.Protobuf;
using Case = CustomerView.Contracts.V1.ChannelEvent.PayloadOneofCase;

namespace CustomerView.Contracts.Tests;

public sealed class ChannelEventEncoderTests
{
    private static readonly ChannelEventDecoder Decoder = ChannelEventDecoder.Default;

    public static TheoryData<Case> PayloadCases => Samples.PayloadCases;

    /// <summary>Events whose optional members are unset or at their edges, which a full sample does not exercise.</summary>
    public static TheoryData<string> EdgeCases => [.. Edges.Keys];

    private static readonly Dictionary<string, EventPayload> Edges = new()
    {
        ["attributes all unset"] = new AttributesChanged(),
        ["attributes cleared"] = new AttributesChanged { FullName = "", ContactPhone = "", Accessibility = AccessibilitySet.None, MarketingConsent = true },
        ["attributes preferred channel unspecified"] = new AttributesChanged { PreferredChannel = Channel.Unspecified },
        ["interaction bare"] = new InteractionRecorded(),
        ["interaction resolved first contact"] = new InteractionRecorded { ResolvedFirstContact = true, WaitingDuration = TimeSpan.Zero },
        ["interaction sub-millisecond handling"] = new InteractionRecorded { HandlingDuration = TimeSpan.FromTicks(12_345_678_901) },
        ["feedback comment only"] = new FeedbackGiven { Comment = "ok" },
        ["task started without times"] = new TaskStarted("T-9", TaskKind.Callback, "call back"),
        ["appointment at year 9999"] = new AppointmentBooked("A-9", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), "video", "x"),
    };

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Decode_ReturnsOriginal_WhenEncodedAsProtobuf(Case payloadCase)
    {
        var original = Samples.Event(Samples.Payloads[payloadCase].Payload);

        var result = Decoder.Decode(ChannelEventEncoder.ToBytes(original), EventContentTypes.Protobuf);

        EventAssert.Equal(original, result.Event);
    }

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Decode_ReturnsOriginal_WhenEncodedAsJson(Case payloadCase)
    {
        var original = Samples.Event(Samples.Payloads[payloadCase].Payload);

        var result = Decoder.Decode(Encoding.UTF8.GetBytes(ChannelEventEncoder.ToJson(original)), EventContentTypes.Json);

        EventAssert.Equal(original, result.Event);
    }

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Encode_SetsPayloadCase_WhenGivenDomainPayload(Case payloadCase)
    {
        var message = ChannelEventEncoder.Encode(Samples.Event(Samples.Payloads[payloadCase].Payload));

        Assert.Equal(payloadCase, message.PayloadCase);
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Decode_ReturnsOriginal_WhenEdgeCaseIsEncodedInEitherFormat(string edge)
    {
        var original = Samples.Event(Edges[edge]) with { CorrelationId = null, Channel = Channel.RelationshipManager };

        var fromProtobuf = Decoder.Decode(ChannelEventEncoder.ToRecordValue(original, EventFormat.Protobuf), EventFormat.Protobuf);
        var fromJson = Decoder.Decode(ChannelEventEncoder.ToRecordValue(original, EventFormat.Json), EventFormat.Json);

        EventAssert.Equal(original, fromProtobuf.Event);
        EventAssert.Equal(original, fromJson.Event);
    }

    [Fact]
    public void Encode_ConvertsOffsetTimeToUtcInstant_WhenOccurredAtHasOffset()
    {
        var local = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var original = Samples.Event(new TaskExpired("T-1")) with { OccurredAt = local };

        var message = ChannelEventEncoder.Encode(original);
        var result = Decoder.Decode(message.ToByteArray(), EventFormat.Protobuf);

        Assert.Equal(local.ToUnixTimeSeconds(), message.OccurredAt.Seconds);
        Assert.Equal(local.UtcDateTime, result.Event?.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void Encode_LeavesAbsentAttributesUnset_WhenOnlyOneIsPresent()
    {
        var message = ChannelEventEncoder.Encode(Samples.Event(new AttributesChanged { MarketingConsent = false }));

        var attributes = message.AttributesChanged;
        Assert.True(attributes.HasMarketingConsent);
        Assert.False(attributes.HasFullName);
        Assert.False(attributes.HasDateOfBirth);
        Assert.False(attributes.HasPreferredChannel);
        Assert.Null(attributes.AccessibilityNeeds);
    }

    [Fact]
    public void ToJson_UsesCanonicalNames_WhenEncodingEvent()
    {
        var json = ChannelEventEncoder.ToJson(Samples.Event(Samples.Payloads[Case.TaskStarted].Payload));

        Assert.Contains("\"taskStarted\":", json, StringComparison.Ordinal);
        Assert.Contains("\"TASK_KIND_LOAN_APPLICATION\"", json, StringComparison.Ordinal);
        Assert.Contains("\"occurredAt\": \"2026-03-01T10:15:30.123456700Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_WritesSameBytesAsToBytes_WhenGivenBufferWriter()
    {
        var original = Samples.Event(Samples.Payloads[Case.InteractionRecorded].Payload);
        var buffer = new ArrayBufferWriter<byte>();

        ChannelEventEncoder.WriteTo(original, buffer);

        Assert.Equal(ChannelEventEncoder.ToBytes(original), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ToRecordValue_Throws_WhenFormatIsUnsupported()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelEventEncoder.ToRecordValue(Samples.Event(new TaskExpired("T")), EventFormat.Unsupported));
    }

    [Fact]
    public void Decode_ReturnsClockEvent_WhenProfileRaisedIt()
    {
        var raised = new DomainEvent(
            EventId.Parse("expiry:638000000000000000:T-1"),
            CustomerId.Parse(Samples.CustomerText),
            Channel.OnlineBanking,
            Samples.OccurredAt,
            Domain.Profiles.CustomerProfile.ClockSource,
            new TaskExpired("T-1"));

        var result = Decoder.Decode(ChannelEventEncoder.ToBytes(raised), EventFormat.Protobuf);

        EventAssert.Equal(raised, result.Event);
    }
}
