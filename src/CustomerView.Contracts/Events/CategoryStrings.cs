using System.Text;
using System.Text.Unicode;

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

    /// <summary>The same, keyed by the UTF-8 bytes a value arrived as, so a hit decodes and allocates nothing.</summary>
    private static readonly Utf8Entry?[] Utf8Table = new Utf8Entry?[Slots];

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

    /// <summary>
    /// The pooled instance of the string <paramref name="utf8"/> encodes, decoding it only when none is pooled; false
    /// when the bytes are not valid UTF-8.
    /// </summary>
    public static bool TryShare(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.Length is 0 or > MaxLength)
        {
            return TryDecode(utf8, out value);
        }

        var hash = default(HashCode);
        hash.AddBytes(utf8);
        var slot = (int)((uint)hash.ToHashCode() % Slots);
        var pooled = Volatile.Read(ref Utf8Table[slot]);
        if (pooled is not null && utf8.SequenceEqual(pooled.Utf8))
        {
            value = pooled.Value;
            return true;
        }

        if (!TryDecode(utf8, out var decoded))
        {
            value = string.Empty;
            return false;
        }

        value = Share(decoded);
        Volatile.Write(ref Utf8Table[slot], new Utf8Entry(utf8.ToArray(), value));
        return true;
    }

    /// <summary>The string <paramref name="utf8"/> encodes; false when it is not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }

        if (!Utf8.IsValid(utf8))
        {
            value = string.Empty;
            return false;
        }

        value = Encoding.UTF8.GetString(utf8);
        return true;
    }

    private sealed class Utf8Entry(byte[] utf8, string value)
    {
        public byte[] Utf8 { get; } = utf8;

        public string Value { get; } = value;
    }
}
