using System.Diagnostics;
using System.Text;

namespace CustomerView.Kafka.Tests;

public sealed class ProduceConsumeTests
{
    [Fact(Timeout = 120_000)]
    public async Task ConsumerGroup_ReadsEveryRecordInKeyOrder_WhenConsumingWhileProducing()
    {
        const int Records = 20_000;
        const int Customers = 500;
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 3);
        var topic = TestKafka.Unique("events");
        cluster.CreateTopic(topic, partitions: 6, replicationFactor: 3);
        var options = TestKafka.Options(cluster, topic);
        using var consumer = TestKafka.Subscribe(options, topic);
        var consuming = TestKafka.ConsumeAsync(consumer, Records, TimeSpan.FromSeconds(90));

        var clock = Stopwatch.StartNew();
        var failures = 0;
        using (var producer = ChannelEventProducer.Create(options))
        {
            var padding = new string('x', 180);
            for (var i = 0; i < Records; i++)
            {
                var payload = Encoding.UTF8.GetBytes($"{i:D8}|{padding}");
                producer.Produce(topic, $"customer-{i % Customers}", payload, "text/plain", r =>
                {
                    if (r.Error.IsError)
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
            }

            Assert.Equal(0, producer.Flush(TestKafka.Wait));
        }

        var produced = clock.Elapsed;
        var results = await consuming;
        consumer.Close();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"produced {Records} in {produced.TotalMilliseconds:0} ms; all consumed after {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(0, failures);
        Assert.Equal(Records, results.Count);
        var sequences = results.Select(r => int.Parse(Encoding.UTF8.GetString(r.Message.Value, 0, 8))).ToList();
        Assert.Equal(Enumerable.Range(0, Records), sequences.Order());
        Assert.All(results, r => Assert.Equal("text/plain", Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(KafkaHeaders.ContentType))));
        foreach (var perKey in results.GroupBy(r => Encoding.UTF8.GetString(r.Message.Key)))
        {
            var order = perKey.Select(r => int.Parse(Encoding.UTF8.GetString(r.Message.Value, 0, 8))).ToList();
            Assert.Equal(order.Order(), order);
            Assert.Single(perKey.Select(r => r.Partition.Value).Distinct());
        }
    }
}
