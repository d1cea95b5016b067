namespace CustomerView.Kafka;

/// <summary>The channel topics are missing or not co-partitioned; the message says what to change.</summary>
public sealed class TopicLayoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TopicLayoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public TopicLayoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public TopicLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the layout found.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="missingTopics">Topics the cluster does not have.</param>
    /// <param name="partitionCounts">Partition count of every topic found.</param>
    public TopicLayoutException(
        string message,
        IReadOnlyList<string> missingTopics,
        IReadOnlyDictionary<string, int> partitionCounts)
        : base(message)
    {
        MissingTopics = missingTopics;
        PartitionCounts = partitionCounts;
    }

    /// <summary>Topics the cluster does not have.</summary>
    public IReadOnlyList<string> MissingTopics { get; } = [];

    /// <summary>Partition count of every checked topic the cluster has.</summary>
    public IReadOnlyDictionary<string, int> PartitionCounts { get; } = new Dictionary<string, int>();
}
