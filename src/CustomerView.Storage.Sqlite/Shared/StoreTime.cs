namespace CustomerView.Storage.Shared;

/// <summary>
/// Time as the stores keep it: UTC with microsecond precision (PostgreSQL's <c>timestamptz</c> resolution; SQLite stores
/// the same microseconds since the Unix epoch), so both stores return identical values.
/// </summary>
internal static class StoreTime
{
    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The UTC instant of <paramref name="microseconds"/> since the Unix epoch.</summary>
    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>A UTC <see cref="DateTime"/> truncated to microseconds.</summary>
    public static DateTime ToUtcMicroseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
