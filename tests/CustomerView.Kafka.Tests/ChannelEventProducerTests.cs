using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class ChannelEventProducerTests
{
    [Fact(Timeout = 60_000)]
    public async Task Produce_WaitsForRoomInsteadOfFailing_WhenQueueIsFull()
    {
        const int Records = 2_000;
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var topic = TestKafka.Unique("queue");
        cluster.CreateTopic(topic, partitions: 2);
        var options = TestKafka.Options(cluster, topic);
        var config = options.CreateProducerConfig();
        config.QueueBufferingMaxMessages = 10;
        using var inner = new ProducerBuilder<byte[], byte[]>(config).Build();
        using var producer = new ChannelEventProducer(inner);
        var delivered = 0;

        await Task.Run(
            () =>
            {
                for (var i = 0; i < Records; i++)
                {
                    producer.Produce(topic, $"customer-{i % 13}", [(byte)i], "application/octet-stream", r =>
                    {
                        if (!r.Error.IsError)
                        {
                            Interlocked.Increment(ref delivered);
                        }
                    });
                }
            },
            TestContext.Current.CancellationToken).WaitAsync(TestKafka.Wait, TestContext.Current.CancellationToken);

        Assert.Equal(0, producer.Flush(TestKafka.Wait));
        Assert.Equal(Records, delivered);
    }

    [Fact(Timeout = 60_000)]
    public async Task ProduceAsync_KeysByCustomerWithContentType_WhenEventTimeGiven()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var topic = TestKafka.Unique("typed");
        cluster.CreateTopic(topic, partitions: 1);
        var options = TestKafka.Options(cluster, topic);
        using var producer = ChannelEventProducer.Create(options);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        await producer.ProduceAsync(topic, "customer-ü", [9, 8, 7], "application/json", at, TestContext.Current.CancellationToken);

        using var consumer = TestKafka.Subscribe(options, topic);
        var record = Assert.Single(await TestKafka.ConsumeAsync(consumer, 1, TestKafka.Wait));
        consumer.Close();
        Assert.Equal("customer-ü", Encoding.UTF8.GetString(record.Message.Key));
        Assert.Equal([9, 8, 7], record.Message.Value);
        Assert.Equal("application/json", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(KafkaHeaders.ContentType)));
        Assert.Equal(at, DateTimeOffset.FromUnixTimeMilliseconds(record.Message.Timestamp.UnixTimestampMs));
    }
}
