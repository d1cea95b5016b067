using Google.Protobuf.WellKnownTypes;

namespace CustomerView.Contracts.Mapping;

/// <summary>Conversions between protobuf well-known time types and .NET time types, checked without exceptions.</summary>
internal static class WireTime
{
    /// <summary>0001-01-01T00:00:00Z: the earliest instant of both Timestamp and <see cref="DateTimeOffset"/>.</summary>
    private const long MinTimestampSeconds = -62_135_596_800;

    /// <summary>9999-12-31T23:59:59Z: the latest whole second of both Timestamp and <see cref="DateTimeOffset"/>.</summary>
    private const long MaxTimestampSeconds = 253_402_300_799;

    /// <summary>About 10,000 years: the range of a protobuf Duration.</summary>
    private const long MaxDurationSeconds = 315_576_000_000;

    private const int MaxNanos = 999_999_999;
    private const int NanosPerTick = 100;

    /// <summary>Converts <paramref name="timestamp"/> to a UTC instant; false when it is not a normalised, representable instant.</summary>
    public static bool TryToInstant(Timestamp timestamp, out DateTimeOffset instant) => TryToInstant(timestamp.Seconds, timestamp.Nanos, out instant);

    /// <summary>Converts a Timestamp's <paramref name="seconds"/> and <paramref name="nanos"/> to a UTC instant; false when they are not a normalised, representable instant.</summary>
    public static bool TryToInstant(long seconds, int nanos, out DateTimeOffset instant)
    {
        if (seconds is < MinTimestampSeconds or > MaxTimestampSeconds || nanos is < 0 or > MaxNanos)
        {
            instant = default;
            return false;
        }

        var ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanos / NanosPerTick);
        instant = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Converts <paramref name="duration"/> to a <see cref="TimeSpan"/>; false when it is not a normalised Duration.</summary>
    public static bool TryToTimeSpan(Duration duration, out TimeSpan span) => TryToTimeSpan(duration.Seconds, duration.Nanos, out span);

    /// <summary>Converts a Duration's <paramref name="seconds"/> and <paramref name="nanos"/> to a <see cref="TimeSpan"/>; false when they are not a normalised Duration.</summary>
    public static bool TryToTimeSpan(long seconds, int nanos, out TimeSpan span)
    {
        if (seconds is < -MaxDurationSeconds or > MaxDurationSeconds
            || nanos is < -MaxNanos or > MaxNanos
            || (seconds < 0 && nanos > 0)
            || (seconds > 0 && nanos < 0))
        {
            span = default;
            return false;
        }

        span = TimeSpan.FromTicks((seconds * TimeSpan.TicksPerSecond) + (nanos / NanosPerTick));
        return true;
    }

    /// <summary>The Timestamp of <paramref name="instant"/>.</summary>
    public static Timestamp ToTimestamp(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    /// <summary>Sets <paramref name="target"/> (which may be reused) to <paramref name="instant"/>, as <see cref="ToTimestamp(DateTimeOffset)"/> would.</summary>
    public static Timestamp Set(Timestamp target, DateTimeOffset instant)
    {
        target.Seconds = TimestampParts(instant.UtcTicks, out var nanos);
        target.Nanos = nanos;
        return target;
    }

    /// <summary>A Timestamp's seconds (returned) and nanos for the instant of <paramref name="utcTicks"/>.</summary>
    public static long TimestampParts(long utcTicks, out int nanos)
    {
        var seconds = Math.DivRem(utcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        nanos = (int)(remainder * NanosPerTick);
        return seconds;
    }

    /// <summary>A Duration's seconds (returned) and nanos for <paramref name="span"/>, both truncated toward zero (as <see cref="Duration.FromTimeSpan"/> makes them).</summary>
    public static long DurationParts(TimeSpan span, out int nanos)
    {
        var seconds = Math.DivRem(span.Ticks, TimeSpan.TicksPerSecond, out var remainder);
        nanos = (int)(remainder * NanosPerTick);
        return seconds;
    }

    /// <summary>The Timestamp of <paramref name="instant"/>, or <see langword="null"/> (field unset) without one.</summary>
    public static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    /// <summary>The Duration of <paramref name="span"/>, or <see langword="null"/> (field unset) without one.</summary>
    public static Duration? ToDuration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return null;
        }

        var seconds = DurationParts(value, out var nanos);
        return new Duration { Seconds = seconds, Nanos = nanos };
    }
}
