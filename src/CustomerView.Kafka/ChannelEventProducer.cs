using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka;

/// <summary>
/// Produces encoded channel events: key = the customer id in UTF-8 (so the murmur2 partitioner places every
/// event of a customer on the same partition number of every channel topic), value = the event bytes, header
/// <c>content-type</c>. Used by the demo traffic generator and the CLI.
/// </summary>
public sealed class ChannelEventProducer : IDisposable
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly bool _ownsProducer;

    /// <summary>Produces through <paramref name="producer"/>, which stays the caller's to flush and dispose.</summary>
    /// <param name="producer">A producer, preferably from <see cref="KafkaClients.CreateProducer"/>.</param>
    public ChannelEventProducer(IProducer<byte[], byte[]> producer)
        : this(producer ?? throw new ArgumentNullException(nameof(producer)), ownsProducer: false)
    {
    }

    private ChannelEventProducer(IProducer<byte[], byte[]> producer, bool ownsProducer)
    {
        _producer = producer;
        _ownsProducer = ownsProducer;
    }

    /// <summary>Creates a producer of its own from <paramref name="options"/>, disposed with this object.</summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>The channel-event producer.</returns>
    public static ChannelEventProducer Create(KafkaOptions options, Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(KafkaClients.CreateProducer(options, logger), ownsProducer: true);

    /// <summary>Produces one event and waits for the brokers' acknowledgement.</summary>
    /// <param name="topic">The channel topic.</param>
    /// <param name="customerId">The customer the event belongs to; becomes the key.</param>
    /// <param name="payload">The encoded event.</param>
    /// <param name="contentType">Media type of <paramref name="payload"/>.</param>
    /// <param name="timestamp">Event time for the record; null for now.</param>
    /// <param name="cancellationToken">Stops waiting; the event may still be written.</param>
    /// <returns>Where the event was written.</returns>
    /// <exception cref="ProduceException{TKey,TValue}">The event could not be delivered.</exception>
    public Task<DeliveryResult<byte[], byte[]>> ProduceAsync(
        string topic,
        string customerId,
        byte[] payload,
        string contentType,
        DateTimeOffset? timestamp = null,
        CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(topic, Build(customerId, payload, contentType, timestamp), cancellationToken);

    /// <summary>
    /// Queues one event without waiting, for high rates. When librdkafka's queue is full it waits for deliveries
    /// to make room rather than failing.
    /// </summary>
    /// <param name="topic">The channel topic.</param>
    /// <param name="customerId">The customer the event belongs to; becomes the key.</param>
    /// <param name="payload">The encoded event.</param>
    /// <param name="contentType">Media type of <paramref name="payload"/>.</param>
    /// <param name="onDelivered">Called on librdkafka's delivery thread with the outcome; keep it short.</param>
    public void Produce(
        string topic,
        string customerId,
        byte[] payload,
        string contentType,
        Action<DeliveryReport<byte[], byte[]>>? onDelivered = null)
    {
        var message = Build(customerId, payload, contentType, timestamp: null);
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: Confluent.Kafka reports a full queue only by throwing.
                _producer.Poll(QueueFullBackoff);
            }
        }
    }

    /// <summary>Waits until every queued event is delivered or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <returns>The number of events still undelivered (0 when all were delivered).</returns>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Disposes the producer if this object created it (without flushing: call <see cref="Flush"/> first).</summary>
    public void Dispose()
    {
        if (_ownsProducer)
        {
            _producer.Dispose();
        }
    }

    private static Message<byte[], byte[]> Build(string customerId, byte[] payload, string contentType, DateTimeOffset? timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(customerId),
            Value = payload,
            Headers = new Headers { { KafkaHeaders.ContentType, Encoding.UTF8.GetBytes(contentType) } },
            Timestamp = timestamp is { } t ? new Timestamp(t) : default,
        };
    }
}
