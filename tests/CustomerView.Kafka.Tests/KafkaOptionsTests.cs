using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class KafkaOptionsTests
{
    private static readonly KafkaOptions Options = new()
    {
        BootstrapServers = "kafka-1:9092,kafka-2:9092",
        Security = new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["sasl.mechanism"] = "SCRAM-SHA-512" },
    };

    [Fact]
    public void CreateConsumerConfig_UsesRangeAndManualOffsets_WhenDefaults()
    {
        var config = Options.CreateConsumerConfig();

        Assert.Equal(PartitionAssignmentStrategy.Range, config.PartitionAssignmentStrategy);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal("customerview-ingestion", config.GroupId);
        Assert.Equal(10_000, config.SessionTimeoutMs);
        Assert.Equal(1_000, config.HeartbeatIntervalMs);
        Assert.Equal("SASL_SSL", config.Get("security.protocol"));
    }

    [Fact]
    public void CreateConsumerConfig_WaitsLongOnRealBrokersAndShortOnTheMock_WhenFetchWaitIsDefault()
    {
        var embedded = Options with { Embedded = true };
        var configured = embedded with { FetchWait = TimeSpan.FromMilliseconds(250) };

        Assert.Equal(100, Options.CreateConsumerConfig().FetchWaitMaxMs);
        Assert.Equal(5, embedded.CreateConsumerConfig().FetchWaitMaxMs);
        Assert.Equal(250, configured.CreateConsumerConfig().FetchWaitMaxMs);
    }

    [Fact]
    public void Validate_RejectsFetchWait_WhenNegative()
    {
        var error = Assert.Throws<InvalidOperationException>((Options with { FetchWait = TimeSpan.FromMilliseconds(-1) }).Validate);

        Assert.Contains("FetchWait", error.Message);
    }

    [Fact]
    public void CreateDeadLetterProducerConfig_LingersLonger_AndKeepsTheProducerSettings()
    {
        var config = Options.CreateDeadLetterProducerConfig();
        var tuned = (Options with { DeadLetterLinger = TimeSpan.FromMilliseconds(7) }).CreateDeadLetterProducerConfig();

        Assert.Equal(50, config.LingerMs);
        Assert.Equal(7, tuned.LingerMs);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("SCRAM-SHA-512", config.Get("sasl.mechanism"));
    }

    [Fact]
    public void Validate_Throws_WhenALingerIsNegative()
    {
        var error = Assert.Throws<InvalidOperationException>(() => (Options with { DeadLetterLinger = TimeSpan.FromMilliseconds(-1) }).Validate());

        Assert.Contains("DeadLetterLinger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProducerConfig_IsIdempotentWithJavaPartitioning_WhenDefaults()
    {
        var config = Options.CreateProducerConfig();

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal(5, config.LingerMs);
        Assert.Equal("kafka-1:9092,kafka-2:9092", config.BootstrapServers);
        Assert.Equal("SCRAM-SHA-512", config.Get("sasl.mechanism"));
    }

    [Fact]
    public void Validate_ExplainsEmbeddedSetup_WhenEmbeddedWithoutAddress()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new KafkaOptions { Embedded = true }.CreateAdminConfig());

        Assert.Contains("start the EmbeddedKafkaCluster", error.Message);
    }

    [Fact]
    public void Validate_ListsEveryProblem_WhenSeveralSettingsAreWrong()
    {
        var options = Options with
        {
            Topics = ["cv.a", "cv.a", "cv.dead-letter"],
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Topics lists cv.a more than once", error.Message);
        Assert.Contains("the dead-letter topic cv.dead-letter is also a channel topic", error.Message);
        Assert.Contains("HeartbeatInterval", error.Message);
    }

    [Fact]
    public void DefaultChannelTopics_HasOneTopicPerChannel_WhenNotConfigured()
    {
        var options = new KafkaOptions();

        Assert.Equal(8, options.Topics.Count);
        Assert.Contains("cv.mobile-app", options.Topics);
        Assert.Equal("cv.dead-letter", options.DeadLetterTopic);
    }
}
