using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

public sealed class RecordBatchReaderTests
{
    [Fact(Timeout = 120_000)]
    public async Task Fetch_ReadsEveryFieldAsProduced_WhenRecordsHaveAnyKeyValueAndHeaders()
    {
        using var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        var first = TestKafka.Unique("first");
        var second = TestKafka.Unique("second");
        cluster.CreateTopic(first, partitions: 3, replicationFactor: 1);
        cluster.CreateTopic(second, partitions: 3, replicationFactor: 1);
        var options = TestKafka.Options(cluster, first, second);
        var sent = new List<Message<byte[], byte[]>>
        {
            Message("k1", "v1", ("content-type", "application/json"), ("content-type", "application/x-protobuf")),
            Message(null, "no key"),
            Message("k2", null),
            Message("k3", string.Empty, ("empty", string.Empty), ("absent", null)),
            Message(string.Empty, "empty key", ("h\u00e9", "caf\u00e9"), ("a", "1"), ("a", "2"), ("b", "3")),
        };
        using (var producer = KafkaClients.CreateProducer(options))
        {
            for (var i = 0; i < sent.Count; i++)
            {
                sent[i].Timestamp = new Timestamp(1_700_000_000_000 + i, TimestampType.CreateTime);
                await producer.ProduceAsync(i % 2 == 0 ? first : second, sent[i], TestContext.Current.CancellationToken);
            }
        }

        using var consumer = TestKafka.Subscribe(options, first, second);
        using var reader = RecordBatchReader.Create(consumer, [first, second], capacity: 2);
        var read = new List<(string Topic, int Partition, long Offset, bool HasKey, bool HasValue, byte[] Key, byte[] Value, ConsumeResult<byte[], byte[]> Copy, bool HasContentType, byte[] ContentType, bool HasB, byte[] B, bool HasMissing)>();
        var clock = Stopwatch.StartNew();
        while (read.Count < sent.Count && clock.Elapsed < TestKafka.Wait)
        {
            Assert.InRange(reader.Fetch(TimeSpan.FromMilliseconds(100)), 0, 2);
            foreach (var record in reader.Records)
            {
                var hasContentType = record.TryGetLastHeader(KafkaHeaders.ContentTypeUtf8, out var contentType);
                var hasB = record.TryGetLastHeader("b"u8, out var b);
                var hasMissing = record.TryGetLastHeader("missing"u8, out _);
                read.Add((record.Topic, record.Partition, record.Offset, record.HasKey, record.HasValue, record.Key.ToArray(), record.Value.ToArray(),
                    record.ToConsumeResult(), hasContentType, contentType.ToArray(), hasB, b.ToArray(), hasMissing));
            }
        }

        reader.Release();
        consumer.Close();
        Assert.Equal(sent.Count, read.Count);
        foreach (var (topic, partition, offset, hasKey, hasValue, key, value, copy, hasContentType, contentType, hasB, b, hasMissing) in read)
        {
            var index = (int)(copy.Message.Timestamp.UnixTimestampMs - 1_700_000_000_000);
            var expected = sent[index];
            Assert.Same(index % 2 == 0 ? first : second, copy.Topic);
            Assert.Same(copy.Topic, topic);
            Assert.Equal(copy.Partition.Value, partition);
            Assert.Equal(copy.Offset.Value, offset);
            Assert.Equal(TimestampType.CreateTime, copy.Message.Timestamp.Type);
            Assert.Equal(expected.Key, copy.Message.Key);
            Assert.Equal(expected.Value, copy.Message.Value);
            Assert.Equal(expected.Key is not null, hasKey);
            Assert.Equal(expected.Value is not null, hasValue);
            Assert.Equal(expected.Key ?? [], key);
            Assert.Equal(expected.Value ?? [], value);
            Assert.Equal(expected.Headers.Select(h => (h.Key, h.GetValueBytes())), copy.Message.Headers.Select(h => (h.Key, h.GetValueBytes())));
            Assert.Equal(expected.Headers.TryGetLastBytes(KafkaHeaders.ContentType, out var lastType), hasContentType);
            Assert.Equal(lastType ?? [], contentType);
            Assert.Equal(expected.Headers.TryGetLastBytes("b", out var lastB), hasB);
            Assert.Equal(lastB ?? [], b);
            Assert.False(hasMissing);
        }
    }

    [Fact(Timeout = 60_000)]
    public void Fetch_ThrowsTheHandlersException_WhenThePartitionsAssignedHandlerFails()
    {
        using var cluster = OneTopic(partitions: 2, out var topic, out var options);
        using var consumer = KafkaClients.CreateConsumerBuilder(options)
            .SetPartitionsAssignedHandler((_, _) => throw new InvalidOperationException("storage is down"))
            .Build();
        using var reader = RecordBatchReader.Create(consumer, [topic], capacity: 8);
        consumer.Subscribe(topic);

        var clock = Stopwatch.StartNew();
        InvalidOperationException? thrown = null;
        while (thrown is null && clock.Elapsed < TestKafka.Wait)
        {
            thrown = Record.Exception(() => reader.Fetch(TimeSpan.FromMilliseconds(100))) as InvalidOperationException;
        }

        Assert.Equal("storage is down", thrown?.Message);

        // Thrown once, as Consume throws it once: the consumer's captured exception is cleared.
        Assert.Null(Record.Exception(() => reader.Fetch(TimeSpan.Zero)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Fetch_ReportsTheErrorAndGoesOn_WhenAPartitionsOffsetIsOutOfRange()
    {
        using var cluster = OneTopic(partitions: 2, out var topic, out var options);
        var config = options.CreateConsumerConfig();
        config.AutoOffsetReset = AutoOffsetReset.Error;
        var errors = new List<Error>();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var reader = RecordBatchReader.Create(consumer, [topic], capacity: 8, errors.Add);
        consumer.Assign([new TopicPartitionOffset(topic, 0, 1_000), new TopicPartitionOffset(topic, 1, Offset.Beginning)]);
        var clock = Stopwatch.StartNew();
        while (errors.Count == 0 && clock.Elapsed < TestKafka.Wait)
        {
            Assert.Equal(0, reader.Fetch(TimeSpan.FromMilliseconds(100)));
        }

        // Produced only after the error was reported: reading goes on past it.
        using (var producer = KafkaClients.CreateProducer(options))
        {
            await producer.ProduceAsync(new TopicPartition(topic, 1), Message("k", "v"), TestContext.Current.CancellationToken);
        }

        var values = new List<string>();
        while (values.Count == 0 && clock.Elapsed < TestKafka.Wait * 2)
        {
            reader.Fetch(TimeSpan.FromMilliseconds(100));
            foreach (var record in reader.Records)
            {
                values.Add(Encoding.UTF8.GetString(record.Value));
            }
        }

        reader.Release();
        Assert.Equal(["v"], values);
        Assert.Contains(errors, e => e.Code == ErrorCode.Local_AutoOffsetReset && !e.IsFatal && e.Reason.Contains($"{topic} [0]", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Record_ThrowsObjectDisposed_WhenItsBatchWasReleased()
    {
        using var cluster = OneTopic(partitions: 1, out var topic, out var options);
        using (var producer = KafkaClients.CreateProducer(options))
        {
            await producer.ProduceAsync(topic, Message("k", "v", ("content-type", "text/plain")), TestContext.Current.CancellationToken);
        }

        using var consumer = KafkaClients.CreateConsumerBuilder(options).Build();
        using var reader = RecordBatchReader.Create(consumer, [topic], capacity: 8);
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var clock = Stopwatch.StartNew();
        while (reader.Fetch(TimeSpan.FromMilliseconds(100)) == 0 && clock.Elapsed < TestKafka.Wait)
        {
        }

        var kept = reader.Records[0];
        Assert.Equal("v", Encoding.UTF8.GetString(kept.Value));
        reader.Release();

        Assert.Equal(0, kept.Offset);
        Assert.Throws<ObjectDisposedException>(() => kept.Value.Length);
        Assert.Throws<ObjectDisposedException>(() => kept.Key.Length);
        Assert.Throws<ObjectDisposedException>(() => kept.TryGetLastHeader(KafkaHeaders.ContentTypeUtf8, out _));
        Assert.Throws<ObjectDisposedException>(() => kept.ToConsumeResult());
        Assert.Throws<ObjectDisposedException>(() => default(ConsumedRecord).Value.Length);
    }

    [Fact]
    public void Create_ThrowsNotSupported_WhenTheConsumerIsNotConfluents()
    {
        var consumer = System.Reflection.DispatchProxy.Create<IConsumer<byte[], byte[]>, NullProxy>();

        Assert.Throws<NotSupportedException>(() => RecordBatchReader.Create(consumer, ["events"], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordBatchReader.Create(consumer, ["events"], 0));
    }

    private static Message<byte[], byte[]> Message(string? key, string? value, params (string Name, string? Value)[] headers)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = key is null ? null! : Encoding.UTF8.GetBytes(key),
            Value = value is null ? null! : Encoding.UTF8.GetBytes(value),
            Headers = [],
        };
        foreach (var (name, headerValue) in headers)
        {
            message.Headers.Add(name, headerValue is null ? null : Encoding.UTF8.GetBytes(headerValue));
        }

        return message;
    }

    /// <summary>A stand-in consumer whose every member returns null.</summary>
    public class NullProxy : System.Reflection.DispatchProxy
    {
        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => null;
    }

    /// <summary>A one-broker cluster with one topic of <paramref name="partitions"/> partitions, and options pointing at it.</summary>
    private static EmbeddedKafkaCluster OneTopic(int partitions, out string topic, out KafkaOptions options)
    {
        var cluster = new EmbeddedKafkaCluster(brokerCount: 1);
        topic = TestKafka.Unique("events");
        cluster.CreateTopic(topic, partitions, replicationFactor: 1);
        options = TestKafka.Options(cluster, topic);
        return cluster;
    }
}
