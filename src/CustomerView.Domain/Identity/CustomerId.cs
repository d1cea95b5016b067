using System.Diagnostics.CodeAnalysis;

namespace CustomerView.Domain.Identity;

/// <summary>The bank's identifier of a customer: 1 to 64 characters of letters, digits and <c>. _ - :</c>.</summary>
public readonly record struct CustomerId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    private CustomerId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="value"/> as a customer id.</summary>
    /// <returns><see langword="null"/> when valid, otherwise the reason it is not.</returns>
    public static string? Validate(string? value) => IdText.Validate(value, MaxLength, "customer id");

    /// <summary>Creates a customer id, or says why <paramref name="value"/> is not one.</summary>
    public static bool TryCreate(string? value, out CustomerId id, [NotNullWhen(false)] out string? error)
    {
        error = Validate(value);
        id = error is null ? new CustomerId(value!) : default;
        return error is null;
    }

    /// <summary>Creates a customer id; throws <see cref="ArgumentException"/> when <paramref name="value"/> is not one.</summary>
    public static CustomerId Parse(string value) =>
        TryCreate(value, out var id, out var error) ? id : throw new ArgumentException(error, nameof(value));

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>The globally unique id of an event (a UUID, ULID or any 1 to 128 printable characters without spaces).</summary>
public readonly record struct EventId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    private EventId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="value"/> as an event id.</summary>
    /// <returns><see langword="null"/> when valid, otherwise the reason it is not.</returns>
    public static string? Validate(string? value) => IdText.ValidatePrintable(value, MaxLength, "event id");

    /// <summary>Creates an event id, or says why <paramref name="value"/> is not one.</summary>
    public static bool TryCreate(string? value, out EventId id, [NotNullWhen(false)] out string? error)
    {
        error = Validate(value);
        id = error is null ? new EventId(value!) : default;
        return error is null;
    }

    /// <summary>
    /// A 64-bit hash of an event id's text that is the same on every node, platform and version (it is stored in
    /// snapshots): profiles remember recently applied events by it, without keeping the id strings. Two different
    /// ids share a hash with probability about 2^-64 per pair, so a profile's window of 1,024 ids mistakes a new event
    /// for a re-delivered one about once in 10^16 events.
    /// </summary>
    public static ulong StableHash(ReadOnlySpan<char> value)
    {
        // xxHash64's round and avalanche over the UTF-16 code units, four at a time, seeded with the length.
        const ulong P1 = 0x9E3779B185EBCA87, P2 = 0xC2B2AE3D27D4EB4F, P3 = 0x165667B19E3779F9;
        var hash = P3 ^ ((ulong)value.Length * P1);
        var i = 0;
        if (BitConverter.IsLittleEndian)
        {
            // Four code units in memory are the lane below, read at once.
            foreach (var lane in System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(value))
            {
                hash = Round(hash, lane);
            }

            i = value.Length & ~3;
        }

        for (; i + 4 <= value.Length; i += 4)
        {
            hash = Round(hash, value[i] | ((ulong)value[i + 1] << 16) | ((ulong)value[i + 2] << 32) | ((ulong)value[i + 3] << 48));
        }

        if (i < value.Length)
        {
            ulong tail = 0;
            for (var shift = 0; i < value.Length; i++, shift += 16)
            {
                tail |= (ulong)value[i] << shift;
            }

            hash = Round(hash, tail);
        }

        hash ^= hash >> 33;
        hash *= P2;
        hash ^= hash >> 29;
        hash *= P3;
        return hash ^ (hash >> 32);

        static ulong Round(ulong hash, ulong lane) =>
            (System.Numerics.BitOperations.RotateLeft(hash ^ (System.Numerics.BitOperations.RotateLeft(lane * P2, 31) * P1), 27) * P1) + P3;
    }

    /// <summary>Creates an event id; throws <see cref="ArgumentException"/> when <paramref name="value"/> is not one.</summary>
    public static EventId Parse(string value) =>
        TryCreate(value, out var id, out var error) ? id : throw new ArgumentException(error, nameof(value));

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Shared checks for textual ids.</summary>
internal static class IdText
{
    public static string? Validate(string? value, int maxLength, string what)
    {
        var basic = ValidateLength(value, maxLength, what);
        if (basic is not null)
        {
            return basic;
        }

        foreach (var c in value!)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
            {
                return $"{what} may hold only letters, digits and . _ - : (found '{Printable(c)}')";
            }
        }

        return null;
    }

    public static string? ValidatePrintable(string? value, int maxLength, string what)
    {
        var basic = ValidateLength(value, maxLength, what);
        if (basic is not null)
        {
            return basic;
        }

        foreach (var c in value!)
        {
            if (c <= ' ' || c > '~')
            {
                return $"{what} may hold only printable ASCII without spaces (found '{Printable(c)}')";
            }
        }

        return null;
    }

    /// <summary>Validates an id of a task, complaint or appointment: like an event id.</summary>
    public static string? ValidateSubject(string? value, string what) => ValidatePrintable(value, EventId.MaxLength, what);

    private static string? ValidateLength(string? value, int maxLength, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{what} is missing";
        }

        return value.Length > maxLength ? $"{what} is longer than {maxLength} characters" : null;
    }

    private static string Printable(char c) => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString();
}
