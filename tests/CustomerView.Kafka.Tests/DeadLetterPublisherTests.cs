using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class DeadLetterPublisherTests
{
    [Fact(Timeout = 60_000)]
    public async Task PublishAsync_WritesOriginalBytesAndHeaders_WhenRecordIsDeadLettered()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var sourceTopic = TestKafka.Unique("source");
        var options = TestKafka.Options(cluster, sourceTopic);
        cluster.CreateTopic(sourceTopic, partitions: 3);
        cluster.CreateTopic(options.DeadLetterTopic, partitions: 3);
        var ct = TestContext.Current.CancellationToken;
        var key = Encoding.UTF8.GetBytes("customer-7");
        byte[] value = [0xFF, 0x00, 0xC3, 0x28, 0x80, 0x7F];
        var originalHeaders = new Headers
        {
            { KafkaHeaders.ContentType, Encoding.UTF8.GetBytes("application/x-protobuf") },
            { "trace-id", [1, 2, 3] },
            { "empty", null },
        };
        using var producer = KafkaClients.CreateProducer(options);
        var written = await producer.ProduceAsync(
            sourceTopic,
            new Message<byte[], byte[]> { Key = key, Value = value, Headers = originalHeaders, Timestamp = new Timestamp(1_700_000_000_123, TimestampType.CreateTime) },
            ct);
        using var sourceConsumer = TestKafka.Subscribe(options, sourceTopic);
        var source = Assert.Single(await TestKafka.ConsumeAsync(sourceConsumer, 1, TestKafka.Wait));
        sourceConsumer.Close();

        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CustomerView.Kafka" && instrument.Name == "customerview.kafka.dead_lettered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source.topic" && (string?)tag.Value == sourceTopic)
                {
                    Interlocked.Add(ref counted, measurement);
                }
            }
        });
        listener.Start();

        var publisher = new DeadLetterPublisher(producer, options.DeadLetterTopic);
        var delivered = await publisher.PublishAsync(source, DeadLetterCategories.Undecodable, "bad bytes — ünïcode", ct);

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(1, Interlocked.Read(ref counted));
        Assert.Equal(JavaMurmur2.Partition(key, 3), delivered.Partition.Value);
        using var deadLetterConsumer = TestKafka.Subscribe(options with { ConsumerGroupId = TestKafka.Unique("dlq-reader") }, options.DeadLetterTopic);
        var dead = Assert.Single(await TestKafka.ConsumeAsync(deadLetterConsumer, 1, TestKafka.Wait));
        deadLetterConsumer.Close();
        Assert.Equal(key, dead.Message.Key);
        Assert.Equal(value, dead.Message.Value);
        var headers = dead.Message.Headers.Select(h => (h.Key, Value: Hex(h.GetValueBytes()))).ToList();
        Assert.Equal(
            [
                (KafkaHeaders.ContentType, Hex(Encoding.UTF8.GetBytes("application/x-protobuf"))),
                ("trace-id", "010203"),
                ("empty", (string?)null),
                (KafkaHeaders.DeadLetterReason, Hex(Encoding.UTF8.GetBytes("bad bytes — ünïcode"))),
                (KafkaHeaders.DeadLetterCategory, Hex(Encoding.UTF8.GetBytes("undecodable"))),
                (KafkaHeaders.DeadLetterSourceTopic, Hex(Encoding.UTF8.GetBytes(sourceTopic))),
                (KafkaHeaders.DeadLetterSourcePartition, Hex(Encoding.ASCII.GetBytes(written.Partition.Value.ToString()))),
                (KafkaHeaders.DeadLetterSourceOffset, Hex(Encoding.ASCII.GetBytes(written.Offset.Value.ToString()))),
                (KafkaHeaders.DeadLetterSourceTimestamp, Hex(Encoding.ASCII.GetBytes("1700000000123"))),
            ],
            headers);
    }

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    [Fact]
    public void Constructor_Throws_WhenTopicIsEmpty()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        using var producer = KafkaClients.CreateProducer(TestKafka.Options(cluster, "t"));

        Assert.Throws<ArgumentException>(() => new DeadLetterPublisher(producer, " "));
    }
}
