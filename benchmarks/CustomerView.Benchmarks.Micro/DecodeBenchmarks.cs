using BenchmarkDotNet.Attributes;
using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;
using Wire = CustomerView.Contracts.V1;

namespace CustomerView.Benchmarks.Micro;

/// <summary>The kind of channel event a decoding benchmark reads.</summary>
public enum RecordKind
{
    /// <summary>An interaction (about 80% of the traffic): type, topic, summary, staff, outcome, durations.</summary>
    Interaction,

    /// <summary>The onboarding attribute change: every attribute, accessibility needs, date of birth.</summary>
    Onboarding,

    /// <summary>A task step with a next action and a due time.</summary>
    TaskStep,
}

/// <summary>
/// Decoding a Kafka record value into a domain event (<see cref="ChannelEventDecoder.Decode(ReadOnlySpan{byte}, string)"/>),
/// binary protobuf and JSON. Baseline: parsing the same protobuf bytes into the generated <c>ChannelEvent</c> alone,
/// so the ratio shows what mapping and checks add.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private readonly ChannelEventDecoder _decoder = new();
    private byte[] _protobuf = null!;
    private byte[] _json = null!;

    /// <summary>The event kind.</summary>
    [Params(RecordKind.Interaction, RecordKind.Onboarding, RecordKind.TaskStep)]
    public RecordKind Kind { get; set; }

    /// <summary>Encodes the event in both formats and checks both decode.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var history = CustomerStory.History();
        var e = Kind switch
        {
            RecordKind.Interaction => history.First(e => e.Payload is InteractionRecorded { StaffId.Length: > 0, WaitingDuration: not null }),
            RecordKind.Onboarding => history.First(e => e.Payload is AttributesChanged { FullName: not null }),
            _ => CustomerStory.NewTaskSteps(1)[0],
        };
        _protobuf = ChannelEventEncoder.ToRecordValue(e, EventFormat.Protobuf);
        _json = ChannelEventEncoder.ToRecordValue(e, EventFormat.Json);
        foreach (var (bytes, type) in new[] { (_protobuf, EventContentTypes.Protobuf), (_json, EventContentTypes.Json) })
        {
            var result = _decoder.Decode(bytes.AsSpan(), type);
            if (!result.IsSuccess || result.Event != e)
            {
                throw new InvalidOperationException($"{type} does not decode back to the event: {result}");
            }
        }
    }

    /// <summary>Only <c>ChannelEvent.Parser.ParseFrom</c> of the protobuf bytes: no mapping, no checks.</summary>
    [Benchmark(Baseline = true)]
    public Wire.ChannelEvent ParseProtobufOnly() => Wire.ChannelEvent.Parser.ParseFrom(_protobuf);

    /// <summary>Decoding the protobuf record value (content type application/x-protobuf).</summary>
    [Benchmark]
    public DomainEvent? DecodeProtobuf() => _decoder.Decode(_protobuf.AsSpan(), EventContentTypes.Protobuf).Event;

    /// <summary>Decoding the JSON record value (content type application/json).</summary>
    [Benchmark]
    public DomainEvent? DecodeJson() => _decoder.Decode(_json.AsSpan(), EventContentTypes.Json).Event;
}
