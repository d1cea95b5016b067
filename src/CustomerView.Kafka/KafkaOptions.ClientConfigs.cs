using Confluent.Kafka;

namespace CustomerView.Kafka;

/// <content>Client configurations derived from the options.</content>
public sealed partial record KafkaOptions
{
    /// <summary>
    /// Producer configuration: idempotent (no duplicates or reordering on retries), <c>acks=all</c>, a short
    /// linger for batching, and the <c>murmur2_random</c> partitioner, which places a keyed record on
    /// <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c> exactly like the Java client's default partitioner, so
    /// Java and .NET producers put a customer's events on the same partition (records without key go to a random
    /// partition).
    /// </summary>
    /// <returns>A new configuration the caller may still adjust.</returns>
    public ProducerConfig CreateProducerConfig()
    {
        Validate();
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            LingerMs = Linger.TotalMilliseconds,
            MessageTimeoutMs = (int)DeliveryTimeout.TotalMilliseconds,
            Partitioner = Partitioner.Murmur2Random,
        };
        ApplySecurity(config);
        return config;
    }

    /// <summary>
    /// Configuration of the engine's dead-letter producer: <see cref="CreateProducerConfig"/> with
    /// <see cref="DeadLetterLinger"/> as <c>linger.ms</c>.
    /// </summary>
    /// <returns>A new configuration the caller may still adjust.</returns>
    public ProducerConfig CreateDeadLetterProducerConfig()
    {
        var config = CreateProducerConfig();
        config.LingerMs = DeadLetterLinger.TotalMilliseconds;
        return config;
    }

    /// <summary>
    /// Consumer configuration for the ingestion group. Offsets are neither committed nor stored automatically: the
    /// engine commits them together with the profiles it stored. A new group starts at the earliest record.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The assignment strategy is <c>range</c> and must stay so. The channel topics are co-partitioned: every
    /// topic is keyed by customer id with the same partition count and partitioner, so partition <i>p</i> of
    /// every topic holds the same customers. A node owns a customer only if it reads that customer's partition
    /// of every topic. The range assignor hands out each topic separately, but over the same sorted member list
    /// and equal partition counts, so each member gets the same partition numbers of every topic.
    /// <c>roundrobin</c> and <c>cooperative-sticky</c> spread a topic's partitions independently of the other
    /// topics and would split a customer's events across nodes. All members must subscribe to the same topics.
    /// </para>
    /// <para>
    /// Subscribing does not create missing topics (librdkafka's default <c>allow.auto.create.topics=false</c>,
    /// left implicit because the embedded cluster's old Metadata version makes librdkafka warn when it is set).
    /// </para>
    /// <para>
    /// Fetching favours throughput with a bounded delay: a broker answers once it has any data or after
    /// <see cref="EffectiveFetchWait"/> (100 ms against real brokers, 5 ms against the embedded mock broker, which
    /// never answers an empty fetch early), up to 2 MiB per partition, and the client prefetches up to 100,000 records per partition. Session and
    /// heartbeat come from <see cref="SessionTimeout"/> and <see cref="HeartbeatInterval"/>.
    /// </para>
    /// </remarks>
    /// <returns>A new configuration the caller may still adjust.</returns>
    public ConsumerConfig CreateConsumerConfig()
    {
        Validate();
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
            GroupId = ConsumerGroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
            EnablePartitionEof = false,
            FetchWaitMaxMs = (int)EffectiveFetchWait.TotalMilliseconds,
            FetchMinBytes = 1,
            MaxPartitionFetchBytes = 2 * 1024 * 1024,
            FetchMaxBytes = 50 * 1024 * 1024,
            QueuedMinMessages = 100_000,
            QueuedMaxMessagesKbytes = 64 * 1024,
            SessionTimeoutMs = (int)SessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)HeartbeatInterval.TotalMilliseconds,
        };
        ApplySecurity(config);
        return config;
    }

    /// <summary>Admin-client configuration (metadata reads; the embedded cluster has no other admin APIs).</summary>
    /// <returns>A new configuration the caller may still adjust.</returns>
    public AdminClientConfig CreateAdminConfig()
    {
        Validate();
        var config = new AdminClientConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
        };
        ApplySecurity(config);
        return config;
    }

    private void ApplySecurity(ClientConfig config)
    {
        foreach (var (name, value) in Security)
        {
            config.Set(name, value);
        }
    }
}
