namespace CustomerView.Kafka;

/// <summary>Record header names CustomerView writes and reads.</summary>
public static class KafkaHeaders
{
    /// <summary>Media type of the value, e.g. <c>application/x-protobuf</c> or <c>application/json</c> (UTF-8 text).</summary>
    public const string ContentType = "content-type";

    /// <summary><see cref="ContentType"/> in UTF-8, for <see cref="ConsumedRecord.TryGetLastHeader"/>.</summary>
    public static ReadOnlySpan<byte> ContentTypeUtf8 => "content-type"u8;

    /// <summary>Why the record was dead-lettered (UTF-8 text).</summary>
    public const string DeadLetterReason = "cv-dlq-reason";

    /// <summary>The kind of failure, one of <see cref="DeadLetterCategories"/> (UTF-8 text).</summary>
    public const string DeadLetterCategory = "cv-dlq-category";

    /// <summary>Topic the record was consumed from (UTF-8 text).</summary>
    public const string DeadLetterSourceTopic = "cv-dlq-source-topic";

    /// <summary>Partition the record was consumed from (decimal text).</summary>
    public const string DeadLetterSourcePartition = "cv-dlq-source-partition";

    /// <summary>Offset of the record in its source partition (decimal text).</summary>
    public const string DeadLetterSourceOffset = "cv-dlq-source-offset";

    /// <summary>Timestamp of the source record in Unix milliseconds (decimal text).</summary>
    public const string DeadLetterSourceTimestamp = "cv-dlq-source-timestamp";
}
