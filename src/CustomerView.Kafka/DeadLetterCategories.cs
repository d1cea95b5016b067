namespace CustomerView.Kafka;

/// <summary>Well-known values of the <see cref="KafkaHeaders.DeadLetterCategory"/> header.</summary>
public static class DeadLetterCategories
{
    /// <summary>The bytes could not be decoded (corrupt, truncated, wrong schema).</summary>
    public const string Undecodable = "undecodable";

    /// <summary>The content-type header is missing or names a format CustomerView does not read.</summary>
    public const string UnsupportedContentType = "unsupported-content-type";

    /// <summary>The event decoded but breaks a rule (missing customer id, key and payload disagree, ...).</summary>
    public const string InvalidEvent = "invalid-event";

    /// <summary>Applying the event failed for a reason other than its content.</summary>
    public const string ProcessingFailed = "processing-failed";
}
