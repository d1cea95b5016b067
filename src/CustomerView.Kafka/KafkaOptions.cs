namespace CustomerView.Kafka;

/// <summary>
/// Where the Kafka cluster is and how CustomerView uses it. Either <see cref="BootstrapServers"/> names real
/// brokers, or <see cref="Embedded"/> asks the host to start an <see cref="EmbeddedKafkaCluster"/> and point
/// <see cref="BootstrapServers"/> at it (<c>options with { BootstrapServers = cluster.BootstrapServers }</c>).
/// </summary>
public sealed partial record KafkaOptions
{
    /// <summary>The default channel topics, one per channel, all keyed by customer id and co-partitioned.</summary>
    public static IReadOnlyList<string> DefaultChannelTopics { get; } =
    [
        "cv.branch-counter",
        "cv.smart-terminal",
        "cv.mobile-app",
        "cv.online-banking",
        "cv.call-center",
        "cv.chatbot",
        "cv.social",
        "cv.relationship-manager",
    ];

    /// <summary>Comma-separated <c>host:port</c> list; required by the client factories.</summary>
    public string? BootstrapServers { get; init; }

    /// <summary>True to run an in-process <see cref="EmbeddedKafkaCluster"/> instead of real brokers.</summary>
    public bool Embedded { get; init; }

    /// <summary>Brokers of the embedded cluster.</summary>
    public int EmbeddedBrokers { get; init; } = 3;

    /// <summary>Partitions of every topic the embedded cluster creates.</summary>
    public int EmbeddedPartitions { get; init; } = 6;

    /// <summary>The channel topics to ingest; they must be co-partitioned (see <see cref="TopicLayout"/>).</summary>
    public IReadOnlyList<string> Topics { get; init; } = DefaultChannelTopics;

    /// <summary>Where records that cannot be ingested go, with their original bytes (see <see cref="DeadLetterPublisher"/>).</summary>
    public string DeadLetterTopic { get; init; } = "cv.dead-letter";

    /// <summary>The ingestion consumer group; the members share the customers by partition.</summary>
    public string ConsumerGroupId { get; init; } = "customerview-ingestion";

    /// <summary><c>client.id</c> of every client, visible in broker logs and quotas.</summary>
    public string ClientId { get; init; } = "customerview";

    /// <summary>How long a silent member keeps its partitions before the group moves them (failover time).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often members heartbeat; well under a third of <see cref="SessionTimeout"/>.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the producer waits to batch records (<c>linger.ms</c>).</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// How long the engine's dead-letter producer waits to batch records (<c>linger.ms</c>). Dead letters are few and
    /// only the next commit waits for their acknowledgement, so they batch longer than channel events: with a 5 ms
    /// linger, librdkafka 2.0's producer threads kept waking for the pending deadlines and cost 0.2 core at 800 dead
    /// letters a second in the ingestion benchmark; with 50 ms, 0.04 core.
    /// </summary>
    public TimeSpan DeadLetterLinger { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a broker may hold a fetch that finds no data (<c>fetch.wait.max.ms</c>); <see langword="null"/> for
    /// the default: <see cref="DefaultFetchWait"/> for real brokers, <see cref="MockBrokerFetchWait"/> when
    /// <see cref="Embedded"/>. A real broker answers as soon as data arrives, so the wait only paces idle polling. The
    /// embedded (librdkafka mock) broker holds every empty fetch for the whole wait, even when data arrives meanwhile,
    /// so against it the wait is added to the latency of every event that arrives while the consumer is idle: set
    /// <see cref="MockBrokerFetchWait"/> for clients of a mock cluster started elsewhere.
    /// </summary>
    public TimeSpan? FetchWait { get; init; }

    /// <summary>The fetch wait against real brokers.</summary>
    public static TimeSpan DefaultFetchWait { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The fetch wait against the embedded mock broker: short, because it never answers an empty fetch early.</summary>
    public static TimeSpan MockBrokerFetchWait { get; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The fetch wait the consumer uses: <see cref="FetchWait"/> or its default.</summary>
    public TimeSpan EffectiveFetchWait => FetchWait ?? (Embedded ? MockBrokerFetchWait : DefaultFetchWait);

    /// <summary>How long the producer keeps retrying a record before failing it (<c>message.timeout.ms</c>).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// librdkafka properties applied last to every client, for real clusters: <c>security.protocol</c>,
    /// <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>ssl.ca.location</c> and the like. The embedded cluster
    /// supports neither TLS nor SASL.
    /// </summary>
    public IReadOnlyDictionary<string, string> Security { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks the options are usable; the client factories call it.</summary>
    /// <exception cref="InvalidOperationException">Something is missing or contradictory; the message says what.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            problems.Add(Embedded
                ? "BootstrapServers is empty: start the EmbeddedKafkaCluster and set BootstrapServers to its address"
                : "BootstrapServers is empty: set it to the brokers' host:port list, or set Embedded=true");
        }

        if (Topics is null || Topics.Count == 0)
        {
            problems.Add("Topics is empty: name at least one channel topic");
        }
        else
        {
            if (Topics.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add("Topics contains an empty name");
            }

            var duplicates = Topics.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                problems.Add($"Topics lists {string.Join(", ", duplicates)} more than once");
            }

            if (Topics.Contains(DeadLetterTopic, StringComparer.Ordinal))
            {
                problems.Add($"the dead-letter topic {DeadLetterTopic} is also a channel topic");
            }
        }

        if (Linger < TimeSpan.Zero || DeadLetterLinger < TimeSpan.Zero || Linger > TimeSpan.FromMinutes(15) || DeadLetterLinger > TimeSpan.FromMinutes(15))
        {
            problems.Add($"Linger is {Linger} and DeadLetterLinger {DeadLetterLinger}: each must be between 0 and 15 minutes");
        }

        if (FetchWait is { } wait && (wait < TimeSpan.Zero || wait > TimeSpan.FromMinutes(5)))
        {
            problems.Add($"FetchWait is {wait}: it must be between 0 and 5 minutes");
        }

        if (string.IsNullOrWhiteSpace(DeadLetterTopic))
        {
            problems.Add("DeadLetterTopic is empty");
        }

        if (string.IsNullOrWhiteSpace(ConsumerGroupId))
        {
            problems.Add("ConsumerGroupId is empty");
        }

        if (EmbeddedBrokers < 1 || EmbeddedPartitions < 1)
        {
            problems.Add("EmbeddedBrokers and EmbeddedPartitions must be at least 1");
        }

        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval * 3 > SessionTimeout)
        {
            problems.Add($"HeartbeatInterval ({HeartbeatInterval}) must be positive and at most a third of SessionTimeout ({SessionTimeout})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Kafka options: " + string.Join("; ", problems) + ".");
        }
    }
}
