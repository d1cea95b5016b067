using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace CustomerView.Kafka;

/// <summary>
/// Checks that the channel topics exist and are co-partitioned (same partition count), which per-customer
/// ownership by partition relies on (see <see cref="KafkaOptions.CreateConsumerConfig"/>).
/// </summary>
public static class TopicLayout
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Checks <see cref="KafkaOptions.Topics"/> are co-partitioned and that <see cref="KafkaOptions.DeadLetterTopic"/>
    /// exists (its partition count is free).
    /// </summary>
    /// <param name="options">The Kafka options.</param>
    /// <param name="timeout">How long to keep trying to read metadata.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The partition count shared by the channel topics.</returns>
    /// <exception cref="TopicLayoutException">A topic is missing or the counts differ.</exception>
    /// <exception cref="TimeoutException">No usable metadata within <paramref name="timeout"/>.</exception>
    public static async Task<int> VerifyCoPartitionedAsync(
        KafkaOptions options,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var admin = KafkaClients.CreateAdminClient(options);
        var partitions = await VerifyCoPartitionedAsync(admin, options.Topics, timeout, cancellationToken).ConfigureAwait(false);
        var deadLetter = await ReadPartitionCountsAsync(admin, [options.DeadLetterTopic], timeout, cancellationToken).ConfigureAwait(false);
        if (!deadLetter.ContainsKey(options.DeadLetterTopic))
        {
            throw new TopicLayoutException(
                $"The dead-letter topic {options.DeadLetterTopic} does not exist. Create it (any partition count; " +
                $"{partitions} keeps a customer's dead letters together with the channel partitions).",
                [options.DeadLetterTopic],
                deadLetter);
        }

        return partitions;
    }

    /// <summary>Checks that every topic in <paramref name="topics"/> exists and all have the same partition count.</summary>
    /// <param name="admin">An admin client on the cluster; it reads metadata only, so it works on the embedded cluster.</param>
    /// <param name="topics">The topics that must be co-partitioned.</param>
    /// <param name="timeout">How long to keep trying to read metadata.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The shared partition count.</returns>
    /// <exception cref="TopicLayoutException">A topic is missing or the counts differ.</exception>
    /// <exception cref="TimeoutException">No usable metadata within <paramref name="timeout"/>.</exception>
    public static async Task<int> VerifyCoPartitionedAsync(
        IAdminClient admin,
        IReadOnlyCollection<string> topics,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            throw new ArgumentException("Name at least one topic.", nameof(topics));
        }

        var counts = await ReadPartitionCountsAsync(admin, topics, timeout, cancellationToken).ConfigureAwait(false);
        return Evaluate(topics, counts);
    }

    /// <summary>Decides the layout from partition counts read from the cluster (missing topics absent).</summary>
    internal static int Evaluate(IReadOnlyCollection<string> topics, IReadOnlyDictionary<string, int> counts)
    {
        var missing = topics.Where(t => !counts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            var present = topics.Where(counts.ContainsKey).Select(t => counts[t]).Distinct().ToList();
            var advice = present.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"Create {(missing.Count == 1 ? "it" : "them")} with {present[0]} partitions like the other channel topics")
                : "Create every channel topic with the same partition count";
            throw new TopicLayoutException(
                $"Kafka {(missing.Count == 1 ? "topic" : "topics")} {string.Join(", ", missing)} " +
                $"{(missing.Count == 1 ? "does" : "do")} not exist. {advice}, keyed by customer id " +
                "(auto-created topics get the broker's default partition count and would break co-partitioning).",
                missing,
                counts);
        }

        var distinct = topics.Select(t => counts[t]).Distinct().ToList();
        if (distinct.Count == 1)
        {
            return distinct[0];
        }

        var message = new StringBuilder("topics must be co-partitioned: ");
        var first = true;
        foreach (var topic in topics)
        {
            message.Append(first ? string.Empty : ", ")
                .Append(topic)
                .Append(" has ")
                .Append(counts[topic].ToString(CultureInfo.InvariantCulture))
                .Append(first ? " partitions" : string.Empty);
            first = false;
        }

        message.Append(". Every channel topic needs the same partition count so that one node owns a customer's " +
            "partition of every topic; note that adding partitions to a topic moves existing keys to other partitions.");
        throw new TopicLayoutException(message.ToString(), [], counts);
    }

    /// <summary>
    /// Reads the partition counts of <paramref name="topics"/> from a metadata request for all topics (asking for
    /// a single topic could auto-create it). Topics whose metadata is incomplete are retried until the deadline.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, int>> ReadPartitionCountsAsync(
        IAdminClient admin,
        IReadOnlyCollection<string> topics,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var wanted = new HashSet<string>(topics, StringComparer.Ordinal);
        string lastProblem = "no answer";
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Could not read the metadata of {string.Join(", ", topics)} within {timeout.TotalSeconds:0.#} s: {lastProblem}.");
            }

            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(remaining), cancellationToken).ConfigureAwait(false);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var incomplete = new List<string>();
                foreach (var topic in metadata.Topics.Where(t => wanted.Contains(t.Topic)))
                {
                    if (topic.Error.Code == ErrorCode.UnknownTopicOrPart)
                    {
                        continue;
                    }

                    if (topic.Error.IsError || topic.Partitions.Count == 0)
                    {
                        incomplete.Add($"{topic.Topic}: {topic.Error.Reason}");
                        continue;
                    }

                    counts[topic.Topic] = topic.Partitions.Count;
                }

                if (incomplete.Count == 0)
                {
                    return counts;
                }

                lastProblem = string.Join("; ", incomplete);
            }
            catch (KafkaException ex)
            {
                lastProblem = ex.Error.Reason;
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
