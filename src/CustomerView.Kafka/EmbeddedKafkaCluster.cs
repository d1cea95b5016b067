using System.Globalization;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using CustomerView.Kafka.Native;

namespace CustomerView.Kafka;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, speaking the real Kafka protocol on 127.0.0.1, for
/// tests and the zero-setup default. Other processes reach it over TCP at <see cref="BootstrapServers"/>; it dies
/// with this object (or the process).
/// </summary>
/// <remarks>
/// Limits of the mock (librdkafka 2.0.2): no CreateTopics or other admin APIs (use <see cref="CreateTopic"/>),
/// no TLS/SASL, no offsetsForTimes; each partition keeps only about 5 MiB (or 100,000 message sets) and evicts
/// older data silently, so consumers must keep up with producers; producing to an unknown topic auto-creates it
/// with the mock's default of 4 partitions; partition leaders are placed at random (see
/// <see cref="SetPartitionLeader"/>); the mock checks producer sequence numbers only for transactional producers,
/// so it does not drop an idempotent producer's resent duplicates the way a real broker does. All members are
/// thread-safe.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    /// <summary>Pass as a broker id to address every broker at once.</summary>
    public const int AllBrokers = -1;

    private readonly RdKafkaHandle _client;
    private readonly MockClusterHandle _cluster;

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers with ids 1 to <paramref name="brokerCount"/>.</summary>
    /// <param name="brokerCount">Number of brokers, at least 1.</param>
    /// <exception cref="InvalidOperationException">librdkafka could not create the cluster.</exception>
    public EmbeddedKafkaCluster(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNative.EnsureInitialized();

        // The mock cluster needs an rd_kafka_t for book-keeping only; an idle producer with no brokers is the
        // lightest. Its log level is kept at warnings so the mock's connection chatter stays out of test output.
        _client = RdKafkaHandle.CreateProducer(
        [
            new("client.id", "customerview-embedded-kafka"),
            new("log_level", "4"),
        ]);
        try
        {
            _cluster = MockClusterHandle.Create(_client, brokerCount);
            BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(_cluster))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        }
        catch
        {
            _cluster?.Dispose();
            _client.Dispose();
            throw;
        }

        BrokerCount = brokerCount;
    }

    /// <summary>Comma-separated <c>host:port</c> list of the brokers, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>
    /// Starts a cluster shaped by <paramref name="options"/> (<see cref="KafkaOptions.EmbeddedBrokers"/>) with every
    /// configured topic and the dead-letter topic created with <see cref="KafkaOptions.EmbeddedPartitions"/>
    /// partitions.
    /// </summary>
    /// <param name="options">The Kafka options.</param>
    /// <returns>The running cluster; point clients at it with <c>options with { BootstrapServers = cluster.BootstrapServers }</c>.</returns>
    public static EmbeddedKafkaCluster Start(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new EmbeddedKafkaCluster(options.EmbeddedBrokers);
        try
        {
            var replication = Math.Min(3, options.EmbeddedBrokers);
            foreach (var topic in options.Topics.Append(options.DeadLetterTopic).Distinct(StringComparer.Ordinal))
            {
                cluster.CreateTopic(topic, options.EmbeddedPartitions, replication);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic (the mock does not support the CreateTopics admin API).</summary>
    /// <param name="name">Topic name.</param>
    /// <param name="partitions">Number of partitions, at least 1.</param>
    /// <param name="replicationFactor">Replicas per partition, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="KafkaException">The topic exists already, or the mock refused it.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        Check(LibRdKafka.MockTopicCreate(_cluster, name, partitions, replicationFactor), $"create topic {name}");
    }

    /// <summary>Disconnects a broker and refuses new connections. Partition leadership does not move.</summary>
    /// <param name="brokerId">Broker id (1-based) or <see cref="AllBrokers"/>.</param>
    public void SetBrokerDown(int brokerId) =>
        Check(LibRdKafka.MockBrokerSetDown(_cluster, brokerId), $"set broker {brokerId} down");

    /// <summary>Lets a broker accept connections again.</summary>
    /// <param name="brokerId">Broker id (1-based) or <see cref="AllBrokers"/>.</param>
    public void SetBrokerUp(int brokerId) =>
        Check(LibRdKafka.MockBrokerSetUp(_cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Delays every response of a broker by <paramref name="roundTrip"/>.</summary>
    /// <param name="brokerId">Broker id (1-based) or <see cref="AllBrokers"/>.</param>
    /// <param name="roundTrip">Added round-trip time, millisecond resolution; zero removes the delay.</param>
    public void SetBrokerRtt(int brokerId, TimeSpan roundTrip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip, TimeSpan.Zero);
        var ms = (int)Math.Min(int.MaxValue, Math.Ceiling(roundTrip.TotalMilliseconds));
        Check(LibRdKafka.MockBrokerSetRtt(_cluster, brokerId, ms), $"set broker {brokerId} rtt");
    }

    /// <summary>Moves the leadership of a partition (the topic is created if it does not exist).</summary>
    /// <param name="topic">Topic name.</param>
    /// <param name="partition">Partition number.</param>
    /// <param name="brokerId">New leader, or -1 for no leader.</param>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        Check(
            LibRdKafka.MockPartitionSetLeader(_cluster, topic, partition, brokerId),
            $"set leader of {topic}[{partition}] to {brokerId}");
    }

    /// <summary>
    /// Makes the next requests of type <paramref name="apiKey"/> (on any broker) fail with
    /// <paramref name="errors"/>, one error per request, in order. <see cref="ErrorCode.Local_Transport"/> makes
    /// the broker drop the connection instead.
    /// </summary>
    /// <param name="apiKey">Request type.</param>
    /// <param name="errors">The errors to answer with.</param>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, static e => (int)e);
        LibRdKafka.MockPushRequestErrorsArray(_cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops the errors still queued by <see cref="PushRequestErrors"/> for <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">Request type.</param>
    public void ClearRequestErrors(KafkaApiKey apiKey) => LibRdKafka.MockClearRequestErrors(_cluster, (short)apiKey);

    /// <summary>Stops the brokers and frees the cluster, then the handle it was created on.</summary>
    public void Dispose()
    {
        _cluster.Dispose();
        _client.Dispose();
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            var code = (ErrorCode)err;
            throw new KafkaException(new Error(
                code,
                string.Create(CultureInfo.InvariantCulture, $"Embedded Kafka could not {what}: {LibRdKafka.Describe(err)} ({code}).")));
        }
    }
}
