using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Tests;

/// <summary>The remembered business days against a conversion through the zone's rules for every instant.</summary>
public sealed class BusinessCalendarTests
{
    /// <summary>A zone whose daylight saving starts and ends at local midnight, so days begin twice or not at all.</summary>
    private static readonly TimeZoneInfo MidnightTransitions = TimeZoneInfo.CreateCustomTimeZone(
        "midnight-dst", TimeSpan.FromHours(-3), "midnight-dst", "standard", "daylight",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 10, 3, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 2, 3, DayOfWeek.Sunday)),
        ]);

    public static TheoryData<string> Zones => ["midnight-dst", "+05:45", "+00:19", "-09:30", "UTC"];

    [Theory]
    [MemberData(nameof(Zones))]
    public void DayNumber_EqualsConversion_ForEveryMinuteAroundTransitions(string name)
    {
        var zone = ZoneNamed(name);
        var calendar = new BusinessCalendar(zone);
        var starts = new[]
        {
            new DateTimeOffset(2026, 10, 17, 0, 0, 0, TimeSpan.Zero), // around the third Sunday of October
            new DateTimeOffset(2027, 2, 19, 0, 0, 0, TimeSpan.Zero), // around the third Sunday of February
            new DateTimeOffset(2026, 12, 30, 0, 0, 0, TimeSpan.Zero),
        };
        foreach (var start in starts)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var minute = 0; minute < 4 * 24 * 60; minute += 1)
                {
                    var instant = start.AddMinutes(minute).AddSeconds(pass * 37);
                    Assert.Equal(BusinessCalendar.Convert(instant, zone), calendar.DayNumber(instant));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void DayNumber_EqualsConversion_ForInstantsInAnyOrder(string name)
    {
        var zone = ZoneNamed(name);
        var calendar = new BusinessCalendar(zone);
        var random = new Random(20261123);
        var from = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var to = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 20_000; i++)
        {
            // Half the instants reuse a recent quarter (hits), half go anywhere (misses and collisions).
            var ticks = i % 2 == 0 ? random.NextInt64(from, to) : random.NextInt64(to - TimeSpan.TicksPerDay * 20, to);
            var instant = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(random.Next(-12, 13)));
            Assert.Equal(BusinessCalendar.Convert(instant, zone), calendar.DayNumber(instant));
        }
    }

    [Fact]
    public void DayNumber_IsConsistent_WhenReadFromManyThreads()
    {
        var calendar = new BusinessCalendar(MidnightTransitions);
        var start = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero);
        var mismatches = 0;
        Parallel.For(0, 4, worker =>
        {
            for (var minute = worker; minute < 30 * 24 * 60; minute += 3)
            {
                var instant = start.AddMinutes(minute);
                if (calendar.DayNumber(instant) != BusinessCalendar.Convert(instant, MidnightTransitions))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void BusinessTimeZone_ChangesTheCalendar_WhenSetWithWith()
    {
        var utc = ProfileOptions.Default;
        var plus14 = utc with { BusinessTimeZone = TimeZoneInfo.CreateCustomTimeZone("+14", TimeSpan.FromHours(14), "+14", "+14") };
        var instant = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(utc.Calendar.DayNumber(instant) + 1, plus14.Calendar.DayNumber(instant));
        Assert.Same(plus14.BusinessTimeZone, plus14.Calendar.Zone);
        Assert.Equal(new ProfileOptions(), ProfileOptions.Default);
    }

    private static TimeZoneInfo ZoneNamed(string name) => name switch
    {
        "midnight-dst" => MidnightTransitions,
        "UTC" => TimeZoneInfo.Utc,
        _ => TimeZoneInfo.CreateCustomTimeZone(name, TimeSpan.Parse(name.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture), name, name),
    };
}
