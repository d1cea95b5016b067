using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka;

/// <summary>
/// Writes records that cannot be ingested to the dead-letter topic, byte for byte: the original key (so the
/// murmur2 partitioner keeps a customer's dead letters together), value and headers, plus <c>cv-dlq-*</c> headers
/// telling why and where from (<see cref="KafkaHeaders"/>). Counts them on the <c>CustomerView.Kafka</c> meter
/// (<c>customerview.kafka.dead_lettered</c>, tagged <c>category</c> and <c>source.topic</c>).
/// </summary>
/// <remarks>
/// Consume with byte-array deserializers so the record can be forwarded verbatim. A record that was dead-lettered
/// before keeps its old <c>cv-dlq-*</c> headers; readers take the last value of a header.
/// </remarks>
/// <param name="producer">A producer from <see cref="KafkaClients.CreateProducer"/> (idempotent, acks=all); not owned.</param>
/// <param name="topic">The dead-letter topic.</param>
public sealed class DeadLetterPublisher(IProducer<byte[], byte[]> producer, string topic)
{
    private readonly IProducer<byte[], byte[]> _producer = producer ?? throw new ArgumentNullException(nameof(producer));

    /// <summary>The dead-letter topic.</summary>
    public string Topic { get; } = string.IsNullOrWhiteSpace(topic)
        ? throw new ArgumentException("Name the dead-letter topic.", nameof(topic))
        : topic;

    /// <summary>Dead-letters <paramref name="source"/>.</summary>
    /// <param name="source">The record as consumed.</param>
    /// <param name="category">The kind of failure, preferably one of <see cref="DeadLetterCategories"/>.</param>
    /// <param name="reason">What went wrong, for people.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement; the record may still be written.</param>
    /// <returns>Completes once the brokers acknowledged the record (acks=all).</returns>
    /// <exception cref="ProduceException{TKey,TValue}">The record could not be delivered.</exception>
    public async Task<DeliveryResult<byte[], byte[]>> PublishAsync(
        ConsumeResult<byte[], byte[]> source,
        string category,
        string reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(source.Message);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentNullException.ThrowIfNull(reason);

        var message = new Message<byte[], byte[]>
        {
            Key = source.Message.Key,
            Value = source.Message.Value,
            Headers = BuildHeaders(source, category, reason),
        };
        var result = await _producer.ProduceAsync(Topic, message, cancellationToken).ConfigureAwait(false);
        KafkaMetrics.DeadLettered.Add(
            1,
            new KeyValuePair<string, object?>("category", category),
            new KeyValuePair<string, object?>("source.topic", source.Topic));
        return result;
    }

    private static Headers BuildHeaders(ConsumeResult<byte[], byte[]> source, string category, string reason)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(KafkaHeaders.DeadLetterReason, Encoding.UTF8.GetBytes(reason));
        headers.Add(KafkaHeaders.DeadLetterCategory, Encoding.UTF8.GetBytes(category));
        headers.Add(KafkaHeaders.DeadLetterSourceTopic, Encoding.UTF8.GetBytes(source.Topic ?? string.Empty));
        headers.Add(KafkaHeaders.DeadLetterSourcePartition, Ascii(source.Partition.Value));
        headers.Add(KafkaHeaders.DeadLetterSourceOffset, Ascii(source.Offset.Value));
        headers.Add(KafkaHeaders.DeadLetterSourceTimestamp, Ascii(source.Message.Timestamp.UnixTimestampMs));
        return headers;
    }

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
