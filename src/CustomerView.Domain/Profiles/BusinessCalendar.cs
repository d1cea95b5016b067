using System.Runtime.CompilerServices;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// The business day an instant falls on in one time zone, as <see cref="DateOnly.DayNumber"/>. Converting an instant
/// through <see cref="TimeZoneInfo"/> costs a rule lookup per call, and every interaction needs its day; so the day is
/// remembered per UTC quarter hour, which is the finest step real time zones move at, in a small direct-mapped table.
/// A quarter is remembered only when its first and last tick fall on the same day under the same UTC offset, so a
/// quarter that holds a local midnight or an offset change (a zone with an odd historical offset) is always converted
/// afresh. Safe for concurrent use: an entry is one 64-bit word, the quarter and its day together.
/// </summary>
internal sealed class BusinessCalendar : IEquatable<BusinessCalendar>
{
    private const long QuarterTicks = TimeSpan.TicksPerMinute * 15;

    /// <summary>Entries of the table: 1,024 quarters are about ten and a half days of consecutive instants.</summary>
    private const int Slots = 1024;

    private readonly long[] _entries = new long[Slots];

    public BusinessCalendar(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    /// <summary>The business time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The day number of <paramref name="instant"/> in <see cref="Zone"/>.</summary>
    public int DayNumber(DateTimeOffset instant)
    {
        var quarter = instant.UtcTicks / QuarterTicks;
        var entry = Volatile.Read(ref _entries[(int)(quarter & (Slots - 1))]);

        // The upper half holds the quarter plus one, so an empty (zero) entry matches no quarter.
        return entry >>> 32 == quarter + 1 ? (int)entry : Miss(instant, quarter);
    }

    public bool Equals(BusinessCalendar? other) => other is not null && Zone.Equals(other.Zone);

    public override bool Equals(object? obj) => Equals(obj as BusinessCalendar);

    public override int GetHashCode() => Zone.GetHashCode();

    /// <summary>The day number of <paramref name="instant"/> in <paramref name="zone"/>, converted through its rules.</summary>
    internal static int Convert(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime).DayNumber;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Miss(DateTimeOffset instant, long quarter)
    {
        var day = Convert(instant, Zone);
        var first = new DateTimeOffset(quarter * QuarterTicks, TimeSpan.Zero);
        var last = first.AddTicks(QuarterTicks - 1);
        if (Zone.GetUtcOffset(first) == Zone.GetUtcOffset(last) && Convert(first, Zone) == day && Convert(last, Zone) == day)
        {
            Volatile.Write(ref _entries[(int)(quarter & (Slots - 1))], ((quarter + 1) << 32) | (uint)day);
        }

        return day;
    }
}
