using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using CustomerView.Contracts.Events;
using CustomerView.Kafka;

namespace CustomerView.Demo.Tests;

public sealed class DemoTrafficPlayerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task PlayAsync_PublishesEveryEvent_WithCustomerKeysAndContentTypes()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var options = Options(cluster);
        foreach (var topic in KafkaOptions.DefaultChannelTopics)
        {
            cluster.CreateTopic(topic, partitions: 2);
        }

        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 25)).ToList();
        using var consumer = KafkaClients.CreateConsumerBuilder(options).Build();
        consumer.Subscribe(KafkaOptions.DefaultChannelTopics);
        var consuming = ConsumeAsync(consumer, events.Count);

        DemoPlayReport report;
        using (var producer = ChannelEventProducer.Create(options))
        {
            var player = new DemoTrafficPlayer(producer, new DemoPlayerOptions { JsonShare = 0.25, FlushTimeout = Wait });
            report = await player.PlayAsync(events, cancellationToken: TestContext.Current.CancellationToken);
        }

        var records = await consuming;
        consumer.Close();

        Assert.Equal(events.Count, report.Records);
        Assert.Equal(events.Count, report.Events);
        Assert.Equal(events.Count, report.Delivered);
        Assert.Equal(0, report.Failed);
        Assert.False(report.Cancelled);
        Assert.Equal(events.Count, records.Count);
        var byId = events.ToDictionary(e => e.Id.Value);
        var json = 0;
        foreach (var record in records)
        {
            var contentType = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(KafkaHeaders.ContentType));
            json += contentType == EventContentTypes.Json ? 1 : 0;
            var decoded = ChannelEventDecoder.Default.Decode(record.Message.Value, contentType);
            Assert.True(decoded.IsSuccess, decoded.ToString());
            var expected = byId[decoded.Event.Id.Value];
            Assert.Equal(expected, decoded.Event);
            Assert.Equal(expected.CustomerId.Value, Encoding.UTF8.GetString(record.Message.Key));
            Assert.Equal(ChannelTopics.For(expected.Channel), record.Topic);
        }

        Assert.Equal(report.Json, json);
        Assert.InRange(json, 1, events.Count / 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task PlayAsync_KeepsToTheTargetRate()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var options = Options(cluster);
        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 5)).Take(60).ToList();
        using var producer = ChannelEventProducer.Create(options);
        var player = new DemoTrafficPlayer(producer, new DemoPlayerOptions { EventsPerSecond = 200, FlushTimeout = Wait });
        var clock = Stopwatch.StartNew();

        var report = await player.PlayAsync(events, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(60, report.Delivered);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"60 events at 200/s took {clock.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task PlayAsync_StopsAndReportsCancelled_WhenCancelled()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var options = Options(cluster);
        using var producer = ChannelEventProducer.Create(options);
        var player = new DemoTrafficPlayer(producer, new DemoPlayerOptions { EventsPerSecond = 50, FlushTimeout = Wait });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var progress = new List<DemoPlayReport>();

        var report = await player.PlayAsync(
            DemoJourneys.Generate(DemoFixtures.Options(customers: 1000)), new SyncProgress(progress.Add), cancel.Token);

        Assert.True(report.Cancelled);
        Assert.InRange(report.Records, 1, 100);
        Assert.Equal(report.Records, report.Delivered);
        Assert.NotEmpty(progress);
    }

    [Fact(Timeout = 120_000)]
    public async Task PlayAsync_PublishesPoisonRecords_WhenPoisonShareIsSet()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var options = Options(cluster);
        var events = DemoJourneys.Generate(DemoFixtures.Options(customers: 10)).ToList();
        using var producer = ChannelEventProducer.Create(options);
        var player = new DemoTrafficPlayer(producer, new DemoPlayerOptions { PoisonShare = 0.2, FlushTimeout = Wait });

        var report = await player.PlayAsync(events, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(events.Count, report.Events);
        Assert.True(report.Poison > 0);
        Assert.True(report.Records > report.Events + report.Poison - 1);
        Assert.Equal(report.Records, report.Delivered);
    }

    private static KafkaOptions Options(EmbeddedKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        ConsumerGroupId = $"demo-tests-{Guid.NewGuid():N}",
        ClientId = "customerview-demo-tests",
        SessionTimeout = TimeSpan.FromSeconds(6),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
    };

    private static Task<List<ConsumeResult<byte[], byte[]>>> ConsumeAsync(IConsumer<byte[], byte[]> consumer, int count) =>
        Task.Run(() =>
        {
            var results = new List<ConsumeResult<byte[], byte[]>>(count);
            var clock = Stopwatch.StartNew();
            while (results.Count < count && clock.Elapsed < Wait)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
                {
                    results.Add(result);
                }
            }

            return results;
        });

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SyncProgress(Action<DemoPlayReport> report) : IProgress<DemoPlayReport>
    {
        public void Report(DemoPlayReport value) => report(value);
    }
}
