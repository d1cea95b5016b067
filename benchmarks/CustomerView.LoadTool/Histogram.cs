using System.Numerics;

namespace CustomerView.LoadTool;

/// <summary>
/// A log-linear latency histogram (HdrHistogram-style, ~1.6% resolution) in 100 ns units, safe to record into from
/// many threads.
/// </summary>
internal sealed class Histogram
{
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[2 * SubBuckets + (64 * SubBuckets)];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    /// <summary>Records a latency measured in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void RecordStopwatchTicks(long ticks)
    {
        var value = Math.Max(0, (long)(ticks * (10_000_000.0 / System.Diagnostics.Stopwatch.Frequency)));
        Interlocked.Increment(ref _counts[Index(value)]);
        Interlocked.Increment(ref _total);
        long max;
        while (value > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, max) != max)
        {
        }
    }

    /// <summary>The latency in milliseconds at or under which <paramref name="percentile"/> % of the samples fall.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return Math.Min(Upper(i), Interlocked.Read(ref _max)) / 10_000.0;
            }
        }

        return Interlocked.Read(ref _max) / 10_000.0;
    }

    public double MaxMs => Interlocked.Read(ref _max) / 10_000.0;

    private static int Index(long value)
    {
        if (value < 2 * SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - 6;
        var mantissa = (int)(value >> shift);
        return (2 * SubBuckets) + ((shift - 1) * SubBuckets) + (mantissa - SubBuckets);
    }

    private static long Upper(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var shift = ((index - (2 * SubBuckets)) / SubBuckets) + 1;
        var mantissa = ((index - (2 * SubBuckets)) % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
