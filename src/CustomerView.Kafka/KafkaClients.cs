using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CustomerView.Kafka;

/// <summary>
/// Builders for byte-array Kafka clients from <see cref="KafkaOptions"/>, with the native library set up and
/// librdkafka's log and error events routed to an <see cref="ILogger"/> (to stderr when none is given).
/// </summary>
public static class KafkaClients
{
    /// <summary>A producer builder over <see cref="KafkaOptions.CreateProducerConfig"/>.</summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>A builder the caller may extend before <c>Build()</c>.</returns>
    public static ProducerBuilder<byte[], byte[]> CreateProducerBuilder(KafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateProducerBuilder(options.CreateProducerConfig(), logger);
    }

    /// <summary>Builds the engine's dead-letter producer, over <see cref="KafkaOptions.CreateDeadLetterProducerConfig"/>.</summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>The producer; the caller disposes it (after <c>Flush</c>).</returns>
    public static IProducer<byte[], byte[]> CreateDeadLetterProducer(KafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateProducerBuilder(options.CreateDeadLetterProducerConfig(), logger).Build();
    }

    private static ProducerBuilder<byte[], byte[]> CreateProducerBuilder(ProducerConfig config, ILogger? logger)
    {
        KafkaNative.EnsureInitialized();
        var builder = new ProducerBuilder<byte[], byte[]>(config);
        if (logger is not null)
        {
            builder
                .SetLogHandler((client, m) => Log(logger, client.Name, m))
                .SetErrorHandler((client, e) => Error(logger, client.Name, e));
        }

        return builder;
    }

    /// <summary>Builds a producer over <see cref="KafkaOptions.CreateProducerConfig"/>.</summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>The producer; the caller disposes it (after <c>Flush</c>).</returns>
    public static IProducer<byte[], byte[]> CreateProducer(KafkaOptions options, ILogger? logger = null) =>
        CreateProducerBuilder(options, logger).Build();

    /// <summary>
    /// A consumer builder over <see cref="KafkaOptions.CreateConsumerConfig"/>; the caller adds its
    /// partition-assignment handlers before <c>Build()</c>.
    /// </summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>A builder the caller may extend before <c>Build()</c>.</returns>
    public static ConsumerBuilder<byte[], byte[]> CreateConsumerBuilder(KafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        KafkaNative.EnsureInitialized();
        var builder = new ConsumerBuilder<byte[], byte[]>(options.CreateConsumerConfig());
        if (logger is not null)
        {
            builder
                .SetLogHandler((client, m) => Log(logger, client.Name, m))
                .SetErrorHandler((client, e) => Error(logger, client.Name, e));
        }

        return builder;
    }

    /// <summary>Builds an admin client over <see cref="KafkaOptions.CreateAdminConfig"/>.</summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="logger">Where client logs go; null keeps Confluent.Kafka's stderr output.</param>
    /// <returns>The admin client; the caller disposes it.</returns>
    public static IAdminClient CreateAdminClient(KafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        KafkaNative.EnsureInitialized();
        var builder = new AdminClientBuilder(options.CreateAdminConfig());
        if (logger is not null)
        {
            builder
                .SetLogHandler((client, m) => Log(logger, client.Name, m))
                .SetErrorHandler((client, e) => Error(logger, client.Name, e));
        }

        return builder.Build();
    }

    private static void Log(ILogger logger, string client, LogMessage message)
    {
        var level = KafkaLog.ToLogLevel(message.Level);
        if (logger.IsEnabled(level))
        {
            KafkaLog.ClientLog(logger, level, client, message.Facility, message.Message);
        }
    }

    private static void Error(ILogger logger, string client, Error error) =>
        KafkaLog.ClientError(
            logger,
            error.IsFatal ? LogLevel.Critical : LogLevel.Warning,
            client,
            error.Code,
            error.Reason,
            error.IsFatal);
}
