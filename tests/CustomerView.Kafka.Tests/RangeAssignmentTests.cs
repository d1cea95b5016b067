using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class RangeAssignmentTests
{
    private const int Partitions = 3;

    [Fact(Timeout = 90_000)]
    public async Task Assignment_GivesEachMemberSamePartitionNumbersOfEveryTopic_WhenStrategyIsRange()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 2);
        var (options, topics) = CreateTopics(cluster);
        var config = options.CreateConsumerConfig();

        var (first, second) = await AssignTwoMembersAsync(config, topics);

        Assert.Equal(PartitionAssignmentStrategy.Range, config.PartitionAssignmentStrategy);
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.Equal(Numbers(first, topics[0]), Numbers(first, topics[1]));
        Assert.Equal(Numbers(second, topics[0]), Numbers(second, topics[1]));
        Assert.Empty(Numbers(first, topics[0]).Intersect(Numbers(second, topics[0])));
        Assert.Equal(Enumerable.Range(0, Partitions), Numbers(first, topics[0]).Concat(Numbers(second, topics[0])).Order());
    }

    /// <summary>Why range is required: round-robin splits a customer's partition number across members.</summary>
    [Fact(Timeout = 90_000)]
    public async Task Assignment_SplitsPartitionNumbersAcrossMembers_WhenStrategyIsRoundRobin()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 2);
        var (options, topics) = CreateTopics(cluster);
        var config = options.CreateConsumerConfig();
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.RoundRobin;

        var (first, second) = await AssignTwoMembersAsync(config, topics);

        Assert.NotEqual(Numbers(first, topics[0]), Numbers(first, topics[1]));
        Assert.NotEqual(Numbers(second, topics[0]), Numbers(second, topics[1]));
    }

    private static (KafkaOptions Options, string[] Topics) CreateTopics(EmbeddedKafkaCluster cluster)
    {
        string[] topics = [TestKafka.Unique("cv.a"), TestKafka.Unique("cv.b")];
        foreach (var topic in topics)
        {
            cluster.CreateTopic(topic, Partitions, replicationFactor: 2);
        }

        return (TestKafka.Options(cluster, topics), topics);
    }

    private static int[] Numbers(IEnumerable<TopicPartition> assignment, string topic) =>
        [.. assignment.Where(tp => tp.Topic == topic).Select(tp => tp.Partition.Value).Order()];

    private static async Task<(List<TopicPartition> First, List<TopicPartition> Second)> AssignTwoMembersAsync(
        ConsumerConfig config,
        string[] topics)
    {
        KafkaNative.EnsureInitialized();
        using var first = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var second = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var stop = new CancellationTokenSource();
        var polling = new[] { first, second }.Select(consumer => Task.Run(() =>
        {
            consumer.Subscribe(topics);
            while (!stop.IsCancellationRequested)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
        })).ToArray();

        try
        {
            bool Settled() =>
                first.Assignment.Count > 0 && second.Assignment.Count > 0 &&
                first.Assignment.Count + second.Assignment.Count == topics.Length * Partitions;
            Assert.True(await TestKafka.EventuallyAsync(Settled, TestKafka.Wait), "the group did not settle on two members");
            return ([.. first.Assignment], [.. second.Assignment]);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(polling).WaitAsync(TestKafka.Wait, TestContext.Current.CancellationToken);
            first.Close();
            second.Close();
        }
    }
}
