using System.Diagnostics;
using Confluent.Kafka;

namespace CustomerView.Kafka.Tests;

/// <summary>Shared helpers: unique names, options pointing at an embedded cluster, bounded consumption.</summary>
internal static class TestKafka
{
    /// <summary>The longest any single wait in these tests may take.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static KafkaOptions Options(EmbeddedKafkaCluster cluster, params string[] topics) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        Topics = topics,
        DeadLetterTopic = Unique("dlq"),
        ConsumerGroupId = Unique("group"),
        ClientId = "customerview-tests",
        SessionTimeout = TimeSpan.FromSeconds(6),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
    };

    public static IConsumer<byte[], byte[]> Subscribe(KafkaOptions options, params string[] topics)
    {
        var consumer = KafkaClients.CreateConsumerBuilder(options).Build();
        consumer.Subscribe(topics);
        return consumer;
    }

    /// <summary>Consumes until <paramref name="count"/> records arrived or <paramref name="timeout"/> passed.</summary>
    public static Task<List<ConsumeResult<byte[], byte[]>>> ConsumeAsync(
        IConsumer<byte[], byte[]> consumer,
        int count,
        TimeSpan timeout) =>
        Task.Run(() =>
        {
            var results = new List<ConsumeResult<byte[], byte[]>>(count);
            var clock = Stopwatch.StartNew();
            while (results.Count < count && clock.Elapsed < timeout)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not null)
                {
                    results.Add(result);
                }
            }

            return results;
        });

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return condition();
    }
}
