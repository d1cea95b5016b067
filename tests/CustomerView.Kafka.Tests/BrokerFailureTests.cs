using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class BrokerFailureTests
{
    [Fact(Timeout = 120_000)]
    public async Task IdempotentProducer_DeliversEveryRecordExactlyOnce_WhenBrokerGoesDownAndUp()
    {
        const int Batch = 1_000;
        const int Partitions = 6;
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 3);
        var topic = TestKafka.Unique("failover");
        cluster.CreateTopic(topic, Partitions, replicationFactor: 3);
        for (var p = 0; p < Partitions; p++)
        {
            cluster.SetPartitionLeader(topic, p, brokerId: (p % 3) + 1); // the mock picks leaders at random
        }

        var options = TestKafka.Options(cluster, topic);
        var delivered = 0;
        var failed = 0;
        void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
            else
            {
                Interlocked.Increment(ref delivered);
            }
        }

        int deliveredWhileDown;
        using (var producer = ChannelEventProducer.Create(options))
        {
            void ProduceBatch(int start)
            {
                for (var i = start; i < start + Batch; i++)
                {
                    producer.Produce(topic, $"customer-{i % 97}", Encoding.UTF8.GetBytes(i.ToString("D8")), "text/plain", OnDelivered);
                }
            }

            ProduceBatch(0);
            Assert.Equal(0, producer.Flush(TestKafka.Wait));
            cluster.SetBrokerDown(1);
            ProduceBatch(Batch);
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            deliveredWhileDown = Volatile.Read(ref delivered);
            cluster.SetBrokerUp(1);
            ProduceBatch(2 * Batch);
            Assert.Equal(0, producer.Flush(TestKafka.Wait));
        }

        Assert.Equal(0, failed);
        Assert.Equal(3 * Batch, delivered);
        Assert.InRange(deliveredWhileDown, Batch, (2 * Batch) - 1);
        using var consumer = TestKafka.Subscribe(options, topic);
        var records = await TestKafka.ConsumeAsync(consumer, 3 * Batch, TestKafka.Wait);
        var inLog = Enumerable.Range(0, Partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TestKafka.Wait))
            .Sum(w => w.High.Value - w.Low.Value);
        consumer.Close();
        Assert.Equal(3 * Batch, inLog);
        Assert.Equal(
            Enumerable.Range(0, 3 * Batch),
            records.Select(r => int.Parse(Encoding.UTF8.GetString(r.Message.Value))).Order());
    }
}
