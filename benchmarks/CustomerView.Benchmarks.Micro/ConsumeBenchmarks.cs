using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using CustomerView.Contracts.Events;
using CustomerView.Kafka;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// Reading records from Kafka (the embedded mock cluster, in this process) as the ingestion loop needs them: each
/// record's key, value and content-type header. Baseline: Confluent.Kafka's <c>Consume</c>, which builds a result, a
/// message, headers and copies of every byte per record; against it the <see cref="RecordBatchReader"/>, which reads
/// the same records in place. Per record: the mock broker's work and librdkafka's fetching are in both.
/// </summary>
[MemoryDiagnoser]
public class ConsumeBenchmarks
{
    /// <summary>One customer's story over and over: one partition, within the mock's ~5 MiB per partition.</summary>
    private const int Records = 12_000;

    private EmbeddedKafkaCluster _cluster = null!;
    private IConsumer<byte[], byte[]> _consumer = null!;
    private RecordBatchReader _reader = null!;
    private TopicPartitionOffset[] _beginning = null!;

    /// <summary>Produces 12,000 records of a realistic customer's story (mostly interactions of about 200 bytes).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        const string Topic = "counter-events";
        _cluster.CreateTopic(Topic, partitions: 1, replicationFactor: 1);
        var options = new KafkaOptions { BootstrapServers = _cluster.BootstrapServers, Topics = [Topic], ConsumerGroupId = "micro", FetchWait = KafkaOptions.MockBrokerFetchWait };
        var story = CustomerStory.History();
        using (var producer = ChannelEventProducer.Create(options))
        {
            for (var i = 0; i < Records; i++)
            {
                var e = story[i % story.Length];
                producer.Produce(Topic, e.CustomerId.Value, ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf);
            }

            producer.Flush(TimeSpan.FromSeconds(60));
        }

        _consumer = KafkaClients.CreateConsumerBuilder(options).Build();
        _reader = RecordBatchReader.Create(_consumer, options.Topics, 512);
        _beginning = [new TopicPartitionOffset(Topic, 0, Offset.Beginning)];
        if (ReadInPlace() != Records || ConsumeResults() != Records)
        {
            throw new InvalidOperationException("Not every record was read.");
        }
    }

    /// <summary>Every record through <c>IConsumer.Consume</c>.</summary>
    /// <returns>A checksum of what was read.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long ConsumeResults()
    {
        _consumer.Assign(_beginning);
        long read = 0, sum = 0;
        while (read < Records)
        {
            if (_consumer.Consume(TimeSpan.FromSeconds(5)) is not { Message: { } message })
            {
                break;
            }

            read++;
            sum += message.Key.Length + message.Value.Length + (message.Headers.TryGetLastBytes(KafkaHeaders.ContentType, out var type) ? type.Length : 0);
        }

        return read == Records ? read : -sum;
    }

    /// <summary>Every record through <see cref="RecordBatchReader.Fetch"/>, read in place.</summary>
    /// <returns>A checksum of what was read.</returns>
    [Benchmark(OperationsPerInvoke = Records)]
    public long ReadInPlace()
    {
        _consumer.Assign(_beginning);
        long read = 0, sum = 0;
        while (read < Records && _reader.Fetch(TimeSpan.FromSeconds(5)) > 0)
        {
            foreach (ref readonly var record in _reader.Records)
            {
                read++;
                sum += record.Key.Length + record.Value.Length + (record.TryGetLastHeader(KafkaHeaders.ContentTypeUtf8, out var type) ? type.Length : 0);
            }
        }

        _reader.Release();
        return read == Records ? read : -sum;
    }

    /// <summary>Stops the consumer and the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _consumer.Close();
        _consumer.Dispose();
        _cluster.Dispose();
    }
}
