using System.Text;
using CustomerView.Contracts.Events;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using Google.Protobuf;
using Case = CustomerView.Contracts.V1.ChannelEvent.PayloadOneofCase;

namespace CustomerView.Contracts.Tests;

public sealed class ChannelEventDecoderTests
{
    private static readonly ChannelEventDecoder Decoder = ChannelEventDecoder.Default;

    public static TheoryData<Case> PayloadCases => Samples.PayloadCases;

    [Fact]
    public void Samples_CoverEveryPayloadCase_WhenContractDefinesThem()
    {
        foreach (var payloadCase in Enum.GetValues<Case>())
        {
            Assert.True(payloadCase == Case.None || Samples.Payloads.ContainsKey(payloadCase), $"no sample for {payloadCase}");
        }
    }

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Decode_MapsPayload_WhenJson(Case payloadCase)
    {
        var (json, payload) = Samples.Payloads[payloadCase];

        var result = Decoder.Decode(Encoding.UTF8.GetBytes(Samples.Json(json)), EventContentTypes.Json);

        Assert.True(result.IsSuccess, result.Reason);
        EventAssert.Equal(Samples.Event(payload), result.Event);
    }

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Decode_MapsPayload_WhenProtobuf(Case payloadCase)
    {
        var (json, payload) = Samples.Payloads[payloadCase];
        var bytes = JsonParser.Default.Parse<V1.ChannelEvent>(Samples.Json(json)).ToByteArray();

        var result = Decoder.Decode(bytes, EventContentTypes.Protobuf);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(DecodeError.None, result.Error);
        Assert.Null(result.Reason);
        EventAssert.Equal(Samples.Event(payload), result.Event);
    }

    [Theory]
    [MemberData(nameof(PayloadCases))]
    public void Decode_MapsPayload_WhenProtobufArrivesInSegments(Case payloadCase)
    {
        var (json, payload) = Samples.Payloads[payloadCase];
        var bytes = JsonParser.Default.Parse<V1.ChannelEvent>(Samples.Json(json)).ToByteArray();

        var result = Decoder.Decode(Segments.Split(bytes, 3), EventContentTypes.Protobuf);

        EventAssert.Equal(Samples.Event(payload), result.Event);
    }

    [Fact]
    public void Decode_MapsEvent_WhenJsonArrivesInSegments()
    {
        var (json, payload) = Samples.Payloads[Case.AttributesChanged];
        var bytes = Encoding.UTF8.GetBytes(Samples.Json(json));

        var result = Decoder.Decode(Segments.Split(bytes, 4), "application/json");

        EventAssert.Equal(Samples.Event(payload), result.Event);
    }

    [Fact]
    public void Decode_MapsEvent_WhenGivenReadOnlyMemory()
    {
        ReadOnlyMemory<byte> bytes = Samples.Message().ToByteArray();

        var result = Decoder.Decode(bytes, EventContentTypes.Protobuf);

        Assert.IsType<TaskExpired>(result.Event?.Payload);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/x-protobuf")]
    [InlineData("application/protobuf")]
    [InlineData(" Application/X-Protobuf ; proto=customerview.v1.ChannelEvent")]
    public void Decode_ReadsProtobuf_WhenContentTypeIsProtobufOrMissing(string? contentType)
    {
        var result = Decoder.Decode(Samples.Message().ToByteArray(), contentType);

        Assert.True(result.IsSuccess, result.Reason);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON; charset=utf-8")]
    public void Decode_ReadsJson_WhenContentTypeIsJson(string contentType)
    {
        var json = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(Samples.Message()));

        var result = Decoder.Decode(json, contentType);

        Assert.True(result.IsSuccess, result.Reason);
    }

    [Fact]
    public void Decode_LeavesCorrelationIdNull_WhenEmpty()
    {
        var result = Decoder.Decode(Samples.Message().ToByteArray(), EventFormat.Protobuf);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Event.CorrelationId);
        Assert.Equal("mobile-backend", result.Event.SourceSystem);
    }

    [Fact]
    public void Decode_LeavesAbsentAttributesNull_WhenOnlyOneIsPresent()
    {
        var result = Decoder.Decode(Encoding.UTF8.GetBytes(Samples.Json("""  "attributesChanged": {"email": ""} """)), EventFormat.Json);

        var attributes = Assert.IsType<AttributesChanged>(result.Event?.Payload);
        Assert.Equal(new AttributesChanged { Email = string.Empty }, attributes);
    }

    [Fact]
    public void Decode_ClearsAccessibility_WhenNeedsArePresentButEmpty()
    {
        var result = Decoder.Decode(Encoding.UTF8.GetBytes(Samples.Json("""  "attributesChanged": {"accessibilityNeeds": {}} """)), EventFormat.Json);

        var attributes = Assert.IsType<AttributesChanged>(result.Event?.Payload);
        Assert.NotNull(attributes.Accessibility);
        Assert.Empty(attributes.Accessibility.Needs);
        Assert.Equal(string.Empty, attributes.Accessibility.Note);
    }

    [Fact]
    public void Decode_LeavesOptionalInteractionFieldsNull_WhenUnset()
    {
        var message = Samples.Message();
        message.InteractionRecorded = new V1.InteractionRecorded { Type = V1.InteractionType.Sales };

        var result = Decoder.Decode(message.ToByteArray(), EventFormat.Protobuf);

        var interaction = Assert.IsType<InteractionRecorded>(result.Event?.Payload);
        Assert.Equal(InteractionType.Sales, interaction.Type);
        Assert.Null(interaction.ResolvedFirstContact);
        Assert.Null(interaction.WaitingDuration);
        Assert.Null(interaction.HandlingDuration);
    }

    [Fact]
    public void Decode_LeavesFeedbackAnswersNull_WhenNotAsked()
    {
        var message = Samples.Message();
        message.FeedbackGiven = new V1.FeedbackGiven { Comment = "fine" };

        var result = Decoder.Decode(message.ToByteArray(), EventFormat.Protobuf);

        var feedback = Assert.IsType<FeedbackGiven>(result.Event?.Payload);
        Assert.Null(feedback.Satisfaction);
        Assert.Null(feedback.Nps);
    }

    [Fact]
    public void Decode_ConvertsToUtc_WhenJsonTimeHasOffset()
    {
        var json = Samples.Json(""" "taskExpired": {"taskId": "T-1"}""").Replace("2026-03-01T10:15:30.123456700Z", "2026-03-01T12:15:30+02:00");

        var result = Decoder.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero), result.Event.OccurredAt);
        Assert.Equal(TimeSpan.Zero, result.Event.OccurredAt.Offset);
    }

    [Fact]
    public void Decode_KeepsNegativeDuration_WhenNormalised()
    {
        var message = Samples.Message();
        message.InteractionRecorded = new V1.InteractionRecorded { WaitingDuration = new() { Seconds = -1, Nanos = -500_000_000 } };

        var result = Decoder.Decode(message.ToByteArray(), EventFormat.Protobuf);

        var interaction = Assert.IsType<InteractionRecorded>(result.Event?.Payload);
        Assert.Equal(TimeSpan.FromMilliseconds(-1500), interaction.WaitingDuration);
    }

    [Fact]
    public void Decode_Succeeds_WhenProtobufCarriesUnknownFieldBesidesKnownPayload()
    {
        var bytes = Wire.WithUnknownField(Samples.Message().ToByteArray(), fieldNumber: 99);

        var result = Decoder.Decode(bytes, EventFormat.Protobuf);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(new TaskExpired("T-1"), result.Event.Payload);
    }

    [Fact]
    public void Decode_Succeeds_WhenJsonCarriesUnknownFieldBesidesKnownPayload()
    {
        var json = Samples.Json(""" "taskExpired": {"taskId": "T-1", "newDetail": 3}, "newEnvelopeField": {"a": [1, 2]}""");

        var result = Decoder.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(new TaskExpired("T-1"), result.Event.Payload);
    }

    [Fact]
    public void Decode_ReturnsSameEvent_WhenCalledFromManyThreads()
    {
        var bytes = Samples.Message().ToByteArray();

        var results = new DecodeResult[64];
        Parallel.For(0, results.Length, i => results[i] = Decoder.Decode(bytes, EventFormat.Protobuf));

        Assert.All(results, r => Assert.Equal(new TaskExpired("T-1"), r.Event?.Payload));
    }
}
