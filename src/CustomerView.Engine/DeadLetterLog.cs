using Microsoft.Extensions.Logging;

namespace CustomerView.Engine;

/// <summary>
/// Logs dead-lettered records without flooding: the first record of each window at Warning with its reason, the
/// rest at Debug, and, once the window has passed, one Warning with how many more there were per category. Every
/// record still goes to the dead-letter topic with its reason in headers; this only decides what the log shows.
/// A stream of rejected transitions (a step for a task that never started, say) otherwise wrote one warning per record.
/// </summary>
internal sealed partial class DeadLetterLog(ILogger logger, TimeProvider time, TimeSpan window)
{
    private readonly Dictionary<string, long> _suppressed = new(StringComparer.Ordinal);
    private long _windowStart = long.MinValue;
    private long _suppressedTotal;

    /// <summary>Logs one dead-lettered record.</summary>
    public void Record(string topic, int partition, long offset, string category, string reason)
    {
        var now = time.GetTimestamp();
        if (_windowStart != long.MinValue && time.GetElapsedTime(_windowStart, now) < window)
        {
            _suppressed[category] = _suppressed.GetValueOrDefault(category) + 1;
            _suppressedTotal++;
            Detail(logger, topic, partition, offset, category, reason);
            return;
        }

        Flush();
        _windowStart = now;
        First(logger, topic, partition, offset, category, reason, window.TotalSeconds);
    }

    /// <summary>Logs the count of the records only counted, once their window has passed (the ingestion loop calls this between batches).</summary>
    public void FlushIfWindowPassed()
    {
        if (_suppressedTotal > 0 && time.GetElapsedTime(_windowStart) >= window)
        {
            Flush();
        }
    }

    /// <summary>Logs the count of the records not logged at Warning since the window began, if any.</summary>
    public void Flush()
    {
        if (_suppressedTotal == 0)
        {
            return;
        }

        var categories = new List<string>(_suppressed.Count);
        foreach (var (category, count) in _suppressed)
        {
            categories.Add($"{category} {count}");
        }

        categories.Sort(StringComparer.Ordinal);
        More(logger, _suppressedTotal, time.GetElapsedTime(_windowStart).TotalSeconds, string.Join(", ", categories));
        _suppressed.Clear();
        _suppressedTotal = 0;
    }

    [LoggerMessage(5, LogLevel.Warning, "Dead-lettered {Topic}[{Partition}]@{Offset} ({Category}): {Reason} (further dead letters in the next {Window} s are counted, not each logged)")]
    private static partial void First(ILogger logger, string topic, int partition, long offset, string category, string reason, double window);

    [LoggerMessage(11, LogLevel.Debug, "Dead-lettered {Topic}[{Partition}]@{Offset} ({Category}): {Reason}")]
    private static partial void Detail(ILogger logger, string topic, int partition, long offset, string category, string reason);

    [LoggerMessage(12, LogLevel.Warning, "Dead-lettered {Count} more records in the last {Seconds:F0} s ({Categories}); each is on the dead-letter topic with its reason in headers")]
    private static partial void More(ILogger logger, long count, double seconds, string categories);
}
