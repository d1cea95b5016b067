using BenchmarkDotNet.Attributes;
using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// Building a profile from a customer's whole history (<see cref="CustomerStory.History"/>: 380 events, 260 of them
/// interactions, 5 open tasks at the end): one operation is the whole stream into a new profile, as when a customer's
/// events are replayed. Baseline: the stream in occurrence order.
/// </summary>
[MemoryDiagnoser]
public class ApplyStreamBenchmarks
{
    private DomainEvent[] _inOrder = null!;
    private DomainEvent[] _late = null!;
    private byte[][] _records = null!;
    private ChannelEventDecoder _decoder = null!;

    /// <summary>The stream, its late-delivered variant and its record values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _inOrder = CustomerStory.History();
        _late = CustomerStory.WithLateArrivals(_inOrder);
        _records = [.. _inOrder.Select(ChannelEventEncoder.ToBytes)];
        _decoder = new ChannelEventDecoder();
    }

    /// <summary>380 events in occurrence order into a new profile.</summary>
    [Benchmark(Baseline = true)]
    public long InOrder() => ApplyAll(_inOrder);

    /// <summary>The same events with every tenth delivered 1 to 30 events late (inserted into the history and logs).</summary>
    [Benchmark]
    public long LateArrivals() => ApplyAll(_late);

    /// <summary>Decoding each protobuf record value, then applying it: the ingestion CPU work for one customer.</summary>
    [Benchmark]
    public long DecodeAndApply()
    {
        var profile = new CustomerProfile(CustomerStory.Customer);
        foreach (var record in _records)
        {
            var decoded = _decoder.Decode(record.AsSpan(), EventFormat.Protobuf);
            profile.Apply(decoded.Event!);
        }

        return profile.Revision;
    }

    private static long ApplyAll(DomainEvent[] events)
    {
        var profile = new CustomerProfile(CustomerStory.Customer);
        foreach (var e in events)
        {
            profile.Apply(e);
        }

        return profile.Revision;
    }
}
