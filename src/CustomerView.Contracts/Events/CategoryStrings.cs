namespace CustomerView.Contracts.Events;

/// <summary>
/// Shares one instance of each categorical string decoded from events (source systems, interaction topics, staff ids,
/// task titles and next actions, appointment places), so a profile's history holds one copy of "mobile-backend" or
/// "card-declined" rather than one per event: fewer and smaller objects for the garbage collector to trace in every
/// live profile. A fixed-size, lossy, lock-free table: a slot keeps the last string hashed to it; a race or a collision
/// only costs a duplicate. Long (free-text) values are not pooled.
/// </summary>
internal static class CategoryStrings
{
    /// <summary>Strings longer than this are returned as they are.</summary>
    public const int MaxLength = 64;

    private const int Slots = 4096;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The pooled instance equal to <paramref name="value"/> (which becomes it if none is pooled yet).</summary>
    public static string Share(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return value.Length == 0 ? string.Empty : value;
        }

        var slot = (int)((uint)string.GetHashCode(value.AsSpan()) % Slots);
        var pooled = Volatile.Read(ref Table[slot]);
        if (pooled is not null && string.Equals(pooled, value, StringComparison.Ordinal))
        {
            return pooled;
        }

        Volatile.Write(ref Table[slot], value);
        return value;
    }
}
