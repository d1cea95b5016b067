using System.Globalization;

namespace CustomerView.Grpc;

/// <summary>The grpc-timeout header: 1 to 8 ASCII digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a grpc-timeout value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="timeout">The timeout; sub-tick values round up to one tick.</param>
    /// <returns>False when the value is malformed.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length is < 2 or > 9)
        {
            return false;
        }

        long amount = 0;
        var digits = value[..^1];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long ticks;
        switch (value[^1])
        {
            case 'H':
                ticks = amount * TimeSpan.TicksPerHour;
                break;
            case 'M':
                ticks = amount * TimeSpan.TicksPerMinute;
                break;
            case 'S':
                ticks = amount * TimeSpan.TicksPerSecond;
                break;
            case 'm':
                ticks = amount * TimeSpan.TicksPerMillisecond;
                break;
            case 'u':
                ticks = amount * TimeSpan.TicksPerMicrosecond;
                break;
            case 'n':
                ticks = (amount + 99) / 100;
                break;
            default:
                return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout with the finest unit that fits in 8 digits, rounding up.</summary>
    /// <param name="timeout">A non-negative timeout.</param>
    /// <returns>The header value.</returns>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        if (ticks <= MaxValue / 100)
        {
            return Compose(ticks * 100, 'n');
        }

        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMicrosecond, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (perUnit, unit) in units)
        {
            var amount = (ticks + perUnit - 1) / perUnit;
            if (amount <= MaxValue)
            {
                return Compose(amount, unit);
            }
        }

        return Compose(MaxValue, 'H');
    }

    private static string Compose(long amount, char unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}");
}
