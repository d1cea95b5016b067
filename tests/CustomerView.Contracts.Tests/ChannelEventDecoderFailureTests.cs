using System.Text;
using CustomerView.Contracts.Events;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Contracts.Tests;

public sealed class ChannelEventDecoderFailureTests
{
    private static readonly ChannelEventDecoder Decoder = ChannelEventDecoder.Default;

    private static readonly Dictionary<string, Action<V1.ChannelEvent>> Breakages = new()
    {
        ["no event id"] = m => m.EventId = string.Empty,
        ["event id with space"] = m => m.EventId = "evt 1",
        ["no customer id"] = m => m.CustomerId = string.Empty,
        ["customer id with slash"] = m => m.CustomerId = "cust/42",
        ["no channel"] = m => m.Channel = V1.Channel.Unspecified,
        ["channel 42"] = m => m.Channel = (V1.Channel)42,
        ["no occurred_at"] = m => m.OccurredAt = null,
        ["occurred_at after year 9999"] = m => m.OccurredAt = new Timestamp { Seconds = 300_000_000_000 },
        ["occurred_at negative nanos"] = m => m.OccurredAt = new Timestamp { Seconds = 1, Nanos = -1 },
        ["no payload"] = m => m.ClearPayload(),
        ["interaction type 99"] = m => m.InteractionRecorded = new() { Type = (V1.InteractionType)99 },
        ["interaction outcome 9"] = m => m.InteractionRecorded = new() { Outcome = (V1.InteractionOutcome)9 },
        ["denormalised duration"] = m => m.InteractionRecorded = new() { WaitingDuration = new Duration { Seconds = 1, Nanos = -5 } },
        ["duration over 10000 years"] = m => m.InteractionRecorded = new() { HandlingDuration = new Duration { Seconds = 400_000_000_000 } },
        ["accessibility need 12"] = m => m.AttributesChanged = new() { AccessibilityNeeds = new() { Needs = { V1.AccessibilityNeed.EasyRead, (V1.AccessibilityNeed)12 } } },
        ["impossible date of birth"] = m => m.AttributesChanged = new() { DateOfBirth = "1990-02-30" },
        ["date of birth not ISO"] = m => m.AttributesChanged = new() { DateOfBirth = "10/12/1985" },
        ["empty date of birth"] = m => m.AttributesChanged = new() { DateOfBirth = string.Empty },
        ["contact phone of 100000 characters"] = m => m.AttributesChanged = new() { ContactPhone = new string('1', 100_000) },
        ["preferred channel 9"] = m => m.AttributesChanged = new() { PreferredChannel = (V1.Channel)9 },
        ["identifier kind 5"] = m => m.IdentifierLinked = new() { Kind = (V1.IdentifierKind)5, Value = "x" },
        ["task kind 8"] = m => m.TaskStarted = new() { TaskId = "T-1", Kind = (V1.TaskKind)8 },
        ["task due before year 1"] = m => m.TaskStarted = new() { TaskId = "T-1", DueAt = new Timestamp { Seconds = -70_000_000_000 } },
        ["hand-off channel 77"] = m => m.TaskHandedOff = new() { TaskId = "T-1", ToChannel = (V1.Channel)77 },
        ["waiting party 3"] = m => m.TaskWaiting = new() { TaskId = "T-1", On = (V1.TaskWaiting.Types.Party)3 },
        ["complaint severity 5"] = m => m.ComplaintFiled = new() { ComplaintId = "C-1", Severity = (V1.ComplaintSeverity)5 },
        ["booking without time"] = m => m.AppointmentBooked = new() { AppointmentId = "A-1" },
    };

    public static TheoryData<string, DecodeError, string> Failures => new()
    {
        { "no event id", DecodeError.MissingEventId, "event id is missing" },
        { "event id with space", DecodeError.Invalid, "event id may hold only printable ASCII without spaces" },
        { "no customer id", DecodeError.MissingCustomerId, "customer id is missing" },
        { "customer id with slash", DecodeError.Invalid, "customer id may hold only letters, digits" },
        { "no channel", DecodeError.MissingChannel, "channel is missing" },
        { "channel 42", DecodeError.Invalid, "channel 42 is not a known value" },
        { "no occurred_at", DecodeError.MissingOccurredAt, "occurred_at is missing" },
        { "occurred_at after year 9999", DecodeError.Invalid, "occurred_at is not a valid time" },
        { "occurred_at negative nanos", DecodeError.Invalid, "occurred_at is not a valid time" },
        { "no payload", DecodeError.UnknownPayload, "event carries no payload" },
        { "interaction type 99", DecodeError.Invalid, "interaction_recorded.type 99 is not a known value" },
        { "interaction outcome 9", DecodeError.Invalid, "interaction_recorded.outcome 9 is not a known value" },
        { "denormalised duration", DecodeError.Invalid, "interaction_recorded.waiting_duration is not a valid duration" },
        { "duration over 10000 years", DecodeError.Invalid, "interaction_recorded.handling_duration is not a valid duration" },
        { "accessibility need 12", DecodeError.Invalid, "attributes_changed.accessibility_needs.needs 12 is not a known value" },
        { "impossible date of birth", DecodeError.Invalid, "attributes_changed.date_of_birth '1990-02-30' is not a date YYYY-MM-DD" },
        { "date of birth not ISO", DecodeError.Invalid, "attributes_changed.date_of_birth '10/12/1985' is not a date" },
        { "empty date of birth", DecodeError.Invalid, "attributes_changed.date_of_birth '' is not a date" },
        { "contact phone of 100000 characters", DecodeError.Invalid, "attributes_changed.contact_phone is longer than 64 characters" },
        { "preferred channel 9", DecodeError.Invalid, "attributes_changed.preferred_channel 9 is not a known value" },
        { "identifier kind 5", DecodeError.Invalid, "identifier_linked.kind 5 is not a known value" },
        { "task kind 8", DecodeError.Invalid, "task_started.kind 8 is not a known value" },
        { "task due before year 1", DecodeError.Invalid, "task_started.due_at is not a valid time" },
        { "hand-off channel 77", DecodeError.Invalid, "task_handed_off.to_channel 77 is not a known value" },
        { "waiting party 3", DecodeError.Invalid, "task_waiting.on 3 is not a known value" },
        { "complaint severity 5", DecodeError.Invalid, "complaint_filed.severity 5 is not a known value" },
        { "booking without time", DecodeError.Invalid, "appointment_booked.scheduled_at is missing" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Decode_FailsWithCategoryAndReason_WhenProtobufFieldIsBroken(string breakage, DecodeError error, string reason)
    {
        var message = Samples.Message();
        Breakages[breakage](message);

        var result = Decoder.Decode(message.ToByteArray(), EventFormat.Protobuf);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Event);
        Assert.Equal(error, result.Error);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"customerId": "cust-42", "channel": "CHANNEL_CHATBOT", "occurredAt": "2026-03-01T10:00:00Z", "taskExpired": {"taskId": "T-1"}}""", DecodeError.MissingEventId)]
    [InlineData("""{"eventId": "e-1", "channel": "CHANNEL_CHATBOT", "occurredAt": "2026-03-01T10:00:00Z", "taskExpired": {"taskId": "T-1"}}""", DecodeError.MissingCustomerId)]
    [InlineData("""{"eventId": "e-1", "customerId": "cust-42", "occurredAt": "2026-03-01T10:00:00Z", "taskExpired": {"taskId": "T-1"}}""", DecodeError.MissingChannel)]
    [InlineData("""{"eventId": "e-1", "customerId": "cust-42", "channel": "CHANNEL_CHATBOT", "taskExpired": {"taskId": "T-1"}}""", DecodeError.MissingOccurredAt)]
    [InlineData("""{"eventId": "e-1", "customerId": "cust-42", "channel": "CHANNEL_CHATBOT", "occurredAt": "2026-03-01T10:00:00Z"}""", DecodeError.UnknownPayload)]
    [InlineData("""{"eventId": "e-1", "customerId": "cust-42", "channel": 31, "occurredAt": "2026-03-01T10:00:00Z", "taskExpired": {}}""", DecodeError.Invalid)]
    [InlineData("""{"eventId": "e-1", "customerId": "cust-42", "channel": "CHANNEL_CHATBOT", "occurredAt": "2026-03-01T10:00:00Z", "attributesChanged": {"dateOfBirth": "1985-1-1"}}""", DecodeError.Invalid)]
    public void Decode_FailsWithCategory_WhenJsonFieldIsMissingOrInvalid(string json, DecodeError error)
    {
        var result = Decoder.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.Equal(error, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Decode_FailsAsUnknownPayload_WhenProtobufPayloadIsFromNewerContract()
    {
        var message = Samples.Message();
        message.ClearPayload();
        var bytes = Wire.WithUnknownField(message.ToByteArray(), fieldNumber: 60);

        var result = Decoder.Decode(bytes, EventFormat.Protobuf);

        Assert.Equal(DecodeError.UnknownPayload, result.Error);
        Assert.Contains("unknown fields: 60, 61", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUnknownPayload_WhenSegmentedProtobufPayloadIsFromNewerContract()
    {
        var message = Samples.Message();
        message.ClearPayload();
        var bytes = Wire.WithUnknownField(message.ToByteArray(), fieldNumber: 60);

        var result = Decoder.Decode(Segments.Split(bytes, 5), EventFormat.Protobuf);

        Assert.Equal(DecodeError.UnknownPayload, result.Error);
        Assert.Contains("unknown fields: 60, 61", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUnknownPayload_WhenJsonPayloadIsFromNewerContract()
    {
        var json = Samples.Json(""" "loanOffered": {"offerId": "O-1"}""");

        var result = Decoder.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.Equal(DecodeError.UnknownPayload, result.Error);
        Assert.Contains("unknown fields: 'loanOffered'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUndecodable_WhenJsonHasUnknownFieldAndUnknownFieldsAreRefused()
    {
        var strict = new ChannelEventDecoder(new ChannelEventDecoderOptions { IgnoreUnknownJsonFields = false });
        var json = Samples.Json(""" "taskExpired": {"taskId": "T-1"}, "newEnvelopeField": 1""");

        var result = strict.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.Contains("newEnvelopeField", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x0A, 0x7F, 0x41 })]
    [InlineData(new byte[] { 0x07 })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x65, 0x76 })]
    public void Decode_FailsAsUndecodable_WhenBytesAreGarbage(byte[] bytes)
    {
        var result = Decoder.Decode(bytes, EventFormat.Protobuf);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.StartsWith("record value is not a protobuf ChannelEvent", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUndecodable_WhenMessageIsTruncated()
    {
        var bytes = Samples.Message().ToByteArray();

        var result = Decoder.Decode(bytes.AsSpan(0, bytes.Length - 3), EventFormat.Protobuf);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.Contains("truncated", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decode_FailsAsUndecodable_WhenValueIsEmpty()
    {
        var result = Decoder.Decode(ReadOnlySpan<byte>.Empty, EventFormat.Protobuf);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.Equal("record value is empty", result.Reason);
    }

    [Theory]
    [InlineData("""{"eventId": "e-1", """)]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{"eventId": 5}""")]
    [InlineData("""{"eventId": "e-1", "occurredAt": "10000-01-01T00:00:00Z"}""")]
    [InlineData("""{"eventId": "e-1", "occurredAt": "yesterday"}""")]
    [InlineData("""{"interactionRecorded": {"waitingDuration": "forever"}}""")]
    [InlineData("""{"feedbackGiven": {"nps": "ten"}}""")]
    [InlineData("""{"feedbackGiven": {"nps": 1e40}}""")]
    public void Decode_FailsAsUndecodable_WhenJsonIsMalformed(string json)
    {
        var result = Decoder.Decode(Encoding.UTF8.GetBytes(json), EventFormat.Json);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.StartsWith("record value is not a JSON ChannelEvent", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUndecodable_WhenJsonIsNotUtf8()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("""{"eventId": "e"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        var result = Decoder.Decode(bytes, EventFormat.Json);

        Assert.Equal(DecodeError.Undecodable, result.Error);
        Assert.Equal("JSON record value is not valid UTF-8", result.Reason);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/avro")]
    [InlineData("application/jsonx")]
    public void Decode_FailsAsUnsupportedContentType_WhenContentTypeIsUnknown(string contentType)
    {
        var result = Decoder.Decode(Samples.Message().ToByteArray(), contentType);

        Assert.Equal(DecodeError.UnsupportedContentType, result.Error);
        Assert.Contains($"'{contentType}'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FailsAsUnsupportedContentType_WhenFormatIsUnsupported()
    {
        var result = Decoder.Decode(Samples.Message().ToByteArray(), EventFormat.Unsupported);

        Assert.Equal(DecodeError.UnsupportedContentType, result.Error);
    }

    [Fact]
    public void Decode_FailsAsTooLarge_WhenValueExceedsLimit()
    {
        var small = new ChannelEventDecoder(new ChannelEventDecoderOptions { MaxRecordBytes = 16 });
        var bytes = Samples.Message().ToByteArray();

        var spanResult = small.Decode(bytes, EventFormat.Protobuf);
        var sequenceResult = small.Decode(Segments.Split(bytes, 2), EventFormat.Protobuf);

        Assert.Equal(DecodeError.TooLarge, spanResult.Error);
        Assert.Equal(DecodeError.TooLarge, sequenceResult.Error);
        Assert.Equal($"record value has {bytes.Length} bytes, more than the 16 allowed", spanResult.Reason);
    }

    [Fact]
    public void Decode_NeverThrows_WhenProtobufBytesAreMutated()
    {
        var random = new Random(20260301);
        var valid = JsonParser.Default.Parse<V1.ChannelEvent>(Samples.Json(Samples.Payloads[V1.ChannelEvent.PayloadOneofCase.AttributesChanged].Json)).ToByteArray();
        var failures = 0;
        for (var i = 0; i < 5000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = Decoder.Decode(bytes.AsSpan(0, random.Next(1, bytes.Length + 1)), EventFormat.Protobuf);

            Assert.Equal(result.IsSuccess, result.Error == DecodeError.None);
            Assert.Equal(result.IsSuccess, result.Reason is null);
            failures += result.IsSuccess ? 0 : 1;
        }

        Assert.InRange(failures, 1, 5000);
    }

    [Fact]
    public void Decode_NeverThrows_WhenJsonBytesAreMutated()
    {
        var random = new Random(20260302);
        var valid = Encoding.UTF8.GetBytes(Samples.Json(Samples.Payloads[V1.ChannelEvent.PayloadOneofCase.InteractionRecorded].Json));
        byte[] alphabet = [.. "{}[]\":,0123456789-+.eEtrufalsn \\/"u8, 0xC3, 0xFF];
        var failures = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var result = Decoder.Decode(bytes, EventFormat.Json);

            Assert.Equal(result.IsSuccess, result.Reason is null);
            failures += result.IsSuccess ? 0 : 1;
        }

        Assert.InRange(failures, 1, 3000);
    }
}
