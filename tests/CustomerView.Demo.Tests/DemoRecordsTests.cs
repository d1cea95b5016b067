using CustomerView.Contracts.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;

namespace CustomerView.Demo.Tests;

public sealed class DemoRecordsTests
{
    [Fact]
    public void Encoder_RoundTripsEveryGeneratedEvent_InProtobufAndJson()
    {
        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 120)).ToList();

        Assert.All(events, e =>
        {
            var binary = ChannelEventDecoder.Default.Decode(ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf);
            var json = ChannelEventDecoder.Default.Decode(ChannelEventEncoder.ToRecordValue(e, EventFormat.Json), EventContentTypes.Json);
            Assert.True(binary.IsSuccess, binary.ToString());
            Assert.True(json.IsSuccess, json.ToString());
            Assert.Equal(e, binary.Event);
            Assert.Equal(e, json.Event);
        });
    }

    [Fact]
    public void From_SendsAShareAsJson_AndTheRestAsProtobuf_KeyedByCustomer()
    {
        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 100)).ToList();

        var records = DemoRecords.From(events, new DemoPlayerOptions { JsonShare = 0.3 }).ToList();

        Assert.Equal(events.Count, records.Count);
        var json = records.Count(r => r.ContentType == EventContentTypes.Json);
        Assert.InRange(json, (int)(records.Count * 0.25), (int)(records.Count * 0.35));
        Assert.All(records, r => Assert.Contains(r.ContentType, new[] { EventContentTypes.Json, EventContentTypes.Protobuf }));
        Assert.All(records.Zip(events), pair =>
        {
            Assert.Equal(pair.Second.CustomerId.Value, pair.First.Key);
            Assert.Equal(ChannelTopics.For(pair.Second.Channel), pair.First.Topic);
            Assert.Equal(pair.Second, ChannelEventDecoder.Default.Decode(pair.First.Value, pair.First.ContentType).Event);
        });
        Assert.DoesNotContain(records, r => r.Poison is not null);
    }

    [Fact]
    public void From_InjectsEveryPoisonKind_WithTheDecodeFailureItDemonstrates()
    {
        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 40)).ToList();

        var records = DemoRecords.From(events, new DemoPlayerOptions { PoisonShare = 0.1, Seed = 3 }).ToList();

        var poison = records.Where(r => r.Poison is not null).ToList();
        Assert.InRange(poison.Count, events.Count / 20, events.Count / 5);
        Assert.Equal(Enum.GetValues<PoisonKind>().Order(), poison.Select(p => p.Poison!.Value).Distinct().Order());
        Assert.All(poison, p =>
        {
            var decoded = ChannelEventDecoder.Default.Decode(p.Value, p.ContentType);
            var expected = p.Poison switch
            {
                PoisonKind.GarbageBytes => DecodeError.Undecodable,
                PoisonKind.UnknownContentType => DecodeError.UnsupportedContentType,
                PoisonKind.MissingCustomerId => DecodeError.MissingCustomerId,
                _ => DecodeError.None,
            };
            Assert.Equal(expected, decoded.Error);
            Assert.False(string.IsNullOrEmpty(p.Key));
        });
        Assert.Equal(events.Select(e => e.Id.Value), records.Where(r => r.EventId is { } id && !id.StartsWith("ev-poison-", StringComparison.Ordinal)).Select(r => r.EventId));
    }

    [Fact]
    public void IllegalTransition_IsRejectedByTheProfile_AfterTwoAppliedSteps()
    {
        var customer = CustomerId.Parse("C-000001");
        var profile = new CustomerProfile(customer);

        var outcomes = DemoRecords.IllegalTransition(customer, DemoFixtures.Now, seed: 5, number: 1).Select(e => profile.Apply(e).Outcome).ToList();

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Applied, ApplyOutcome.Rejected], outcomes);
        Assert.Single(profile.RejectedEvents);
    }

    [Fact]
    public void From_Throws_WhenJsonShareIsOutOfRange()
    {
        Assert.Throws<ArgumentException>(() => DemoRecords.From([], new DemoPlayerOptions { JsonShare = 1.5 }));
    }
}
