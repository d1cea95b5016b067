using System.Diagnostics;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class EmbeddedKafkaClusterTests
{
    [Fact(Timeout = 60_000)]
    public void GetMetadata_ReturnsBrokersAndPartitions_WhenClusterStarted()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 3);
        var topic = TestKafka.Unique("meta");
        cluster.CreateTopic(topic, partitions: 6, replicationFactor: 3);
        using var admin = KafkaClients.CreateAdminClient(TestKafka.Options(cluster, topic));

        var metadata = admin.GetMetadata(TestKafka.Wait);

        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        Assert.All(metadata.Brokers, b => Assert.Equal("127.0.0.1", b.Host));
        var described = Assert.Single(metadata.Topics, t => t.Topic == topic);
        Assert.Equal(6, described.Partitions.Count);
        Assert.All(described.Partitions, p => Assert.Equal(3, p.Replicas.Length));
    }

    [Fact]
    public void BootstrapServers_ListsEveryBrokerOnLoopback_WhenClusterStarted()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 2);

        var endpoints = cluster.BootstrapServers.Split(',');

        Assert.Equal(2, endpoints.Length);
        Assert.All(endpoints, e => Assert.Matches(@"^127\.0\.0\.1:\d+$", e));
    }

    [Fact]
    public void Start_CreatesChannelAndDeadLetterTopics_WhenGivenOptions()
    {
        var options = new KafkaOptions { Embedded = true, EmbeddedBrokers = 2, EmbeddedPartitions = 4 };
        using var cluster = EmbeddedKafkaCluster.Start(options);
        using var admin = KafkaClients.CreateAdminClient(options with { BootstrapServers = cluster.BootstrapServers });

        var metadata = admin.GetMetadata(TestKafka.Wait);

        var expected = KafkaOptions.DefaultChannelTopics.Append("cv.dead-letter").Order();
        Assert.Equal(expected, metadata.Topics.Select(t => t.Topic).Order());
        Assert.All(metadata.Topics, t => Assert.Equal(4, t.Partitions.Count));
    }

    [Fact]
    public void CreateTopic_Throws_WhenTopicExists()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        cluster.CreateTopic("twice", partitions: 2);

        var error = Assert.Throws<KafkaException>(() => cluster.CreateTopic("twice", partitions: 2));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
    }

    [Fact]
    public void CreateTopic_Throws_WhenReplicationExceedsBrokers()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("wide", partitions: 1, replicationFactor: 3));
    }

    [Fact(Timeout = 60_000)]
    public async Task SetPartitionLeader_MovesLeadership_WhenBrokerExists()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 3);
        var topic = TestKafka.Unique("leader");
        cluster.CreateTopic(topic, partitions: 2, replicationFactor: 3);
        using var admin = KafkaClients.CreateAdminClient(TestKafka.Options(cluster, topic));
        int Leader() => admin.GetMetadata(TestKafka.Wait).Topics.Single(t => t.Topic == topic).Partitions.Single(p => p.PartitionId == 1).Leader;
        var target = Leader() == 3 ? 2 : 3;

        cluster.SetPartitionLeader(topic, partition: 1, brokerId: target);

        Assert.True(await TestKafka.EventuallyAsync(() => Leader() == target, TestKafka.Wait));
    }

    [Fact(Timeout = 60_000)]
    public async Task PushRequestErrors_FailsProduce_WhenErrorIsNotRetriable()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var topic = TestKafka.Unique("errors");
        cluster.CreateTopic(topic, partitions: 1);
        using var producer = KafkaClients.CreateProducer(TestKafka.Options(cluster, topic));
        await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = [1], Value = [1] }, TestContext.Current.CancellationToken);

        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        var error = await Assert.ThrowsAsync<ProduceException<byte[], byte[]>>(() =>
            producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = [2], Value = [2] }, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, error.Error.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetBrokerRtt_DelaysAcknowledgements_WhenSet()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var topic = TestKafka.Unique("rtt");
        cluster.CreateTopic(topic, partitions: 1);
        using var producer = KafkaClients.CreateProducer(TestKafka.Options(cluster, topic));
        var ct = TestContext.Current.CancellationToken;
        await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = [1], Value = [1] }, ct);

        cluster.SetBrokerRtt(1, TimeSpan.FromMilliseconds(600));
        var clock = Stopwatch.StartNew();
        await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = [2], Value = [2] }, ct);
        clock.Stop();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500), $"acknowledged after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Dispose_MakesLaterCallsThrow_WhenDisposedTwice()
    {
        var cluster = new EmbeddedKafkaCluster(brokerCount: 1);

        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", partitions: 1));
    }

    [Fact]
    public void NativeVersion_ReportsLoadedLibrary_WhenInitializedTwice()
    {
        KafkaNative.EnsureInitialized();
        KafkaNative.EnsureInitialized();

        Assert.Matches(@"^\d+\.\d+\.\d+", KafkaNative.NativeVersion);
    }
}
