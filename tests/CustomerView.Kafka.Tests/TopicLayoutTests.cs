namespace CustomerView.Kafka.Tests;

public sealed class TopicLayoutTests
{
    [Fact(Timeout = 60_000)]
    public async Task VerifyCoPartitionedAsync_ReturnsPartitionCount_WhenCountsMatch()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 2);
        string[] topics = [TestKafka.Unique("a"), TestKafka.Unique("b"), TestKafka.Unique("c")];
        foreach (var topic in topics)
        {
            cluster.CreateTopic(topic, partitions: 5);
        }

        using var admin = KafkaClients.CreateAdminClient(TestKafka.Options(cluster, topics));

        var partitions = await TopicLayout.VerifyCoPartitionedAsync(admin, topics, TestKafka.Wait, TestContext.Current.CancellationToken);

        Assert.Equal(5, partitions);
    }

    [Fact(Timeout = 60_000)]
    public async Task VerifyCoPartitionedAsync_ThrowsWithCounts_WhenCountsDiffer()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        cluster.CreateTopic("cv.mobile-app", partitions: 6);
        cluster.CreateTopic("cv.call-center", partitions: 3);
        string[] topics = ["cv.mobile-app", "cv.call-center"];
        using var admin = KafkaClients.CreateAdminClient(TestKafka.Options(cluster, topics));

        var error = await Assert.ThrowsAsync<TopicLayoutException>(() =>
            TopicLayout.VerifyCoPartitionedAsync(admin, topics, TestKafka.Wait, TestContext.Current.CancellationToken));

        Assert.StartsWith("topics must be co-partitioned: cv.mobile-app has 6 partitions, cv.call-center has 3.", error.Message);
        Assert.Empty(error.MissingTopics);
        Assert.Equal(6, error.PartitionCounts["cv.mobile-app"]);
        Assert.Equal(3, error.PartitionCounts["cv.call-center"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task VerifyCoPartitionedAsync_ThrowsNamingTopicWithoutCreatingIt_WhenTopicMissing()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        cluster.CreateTopic("cv.mobile-app", partitions: 6);
        string[] topics = ["cv.mobile-app", "cv.social"];
        using var admin = KafkaClients.CreateAdminClient(TestKafka.Options(cluster, topics));

        var error = await Assert.ThrowsAsync<TopicLayoutException>(() =>
            TopicLayout.VerifyCoPartitionedAsync(admin, topics, TestKafka.Wait, TestContext.Current.CancellationToken));

        Assert.StartsWith("Kafka topic cv.social does not exist. Create it with 6 partitions", error.Message);
        Assert.Equal(["cv.social"], error.MissingTopics);
        Assert.DoesNotContain(admin.GetMetadata(TestKafka.Wait).Topics, t => t.Topic == "cv.social");
    }

    [Fact(Timeout = 60_000)]
    public async Task VerifyCoPartitionedAsync_ChecksDeadLetterTopic_WhenGivenOptions()
    {
        var embedded = new KafkaOptions { Embedded = true, EmbeddedBrokers = 1, EmbeddedPartitions = 3 };
        using var cluster = EmbeddedKafkaCluster.Start(embedded);
        var options = embedded with { BootstrapServers = cluster.BootstrapServers };
        var ct = TestContext.Current.CancellationToken;

        var partitions = await TopicLayout.VerifyCoPartitionedAsync(options, TestKafka.Wait, ct);
        var error = await Assert.ThrowsAsync<TopicLayoutException>(() =>
            TopicLayout.VerifyCoPartitionedAsync(options with { DeadLetterTopic = "cv.nowhere" }, TestKafka.Wait, ct));

        Assert.Equal(3, partitions);
        Assert.StartsWith("The dead-letter topic cv.nowhere does not exist.", error.Message);
    }

    [Fact]
    public void Evaluate_NamesEveryMissingTopic_WhenSeveralAreMissing()
    {
        var error = Assert.Throws<TopicLayoutException>(() => TopicLayout.Evaluate(
            ["cv.a", "cv.b", "cv.c"],
            new Dictionary<string, int> { ["cv.b"] = 4 }));

        Assert.StartsWith("Kafka topics cv.a, cv.c do not exist. Create them with 4 partitions", error.Message);
    }
}
