using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class PartitionerTests
{
    /// <summary>Values from the Java client's own murmur2 test (UtilsTest.testMurmur2).</summary>
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_MatchesJavaClient_WhenGivenKnownKeys(string key, int expected) =>
        Assert.Equal(expected, JavaMurmur2.Hash(Encoding.UTF8.GetBytes(key)));

    [Fact(Timeout = 60_000)]
    public async Task ProduceAsync_PlacesKeyOnJavaPartition_WhenPartitionerIsMurmur2Random()
    {
        const int Partitions = 7;
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var topic = TestKafka.Unique("murmur");
        cluster.CreateTopic(topic, Partitions);
        var options = TestKafka.Options(cluster, topic);
        Assert.Equal(Partitioner.Murmur2Random, options.CreateProducerConfig().Partitioner);
        using var producer = ChannelEventProducer.Create(options);
        var keys = new[] { "21", "foobar", "abc", "a-little-bit-long-string" }
            .Concat(Enumerable.Range(0, 60).Select(i => $"customer-{i:D6}"))
            .ToList();

        var placed = new List<(string Key, int Partition)>();
        foreach (var key in keys)
        {
            var result = await producer.ProduceAsync(topic, key, [1, 2, 3], "application/octet-stream", cancellationToken: TestContext.Current.CancellationToken);
            placed.Add((key, result.Partition.Value));
        }

        var expected = keys.Select(k => (k, JavaMurmur2.Partition(Encoding.UTF8.GetBytes(k), Partitions))).ToList();
        Assert.Equal(expected, placed);
        Assert.True(placed.Select(p => p.Partition).Distinct().Count() > 1);
    }
}
