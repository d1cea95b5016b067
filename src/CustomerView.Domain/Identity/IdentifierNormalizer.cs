using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CustomerView.Domain.Identity;

/// <summary>An identifier in the one form it is stored, indexed and looked up by.</summary>
/// <param name="Kind">Phone, card, account or national id.</param>
/// <param name="Key">
/// What equality and the lookup index use: E.164 for phones, the normalised text for accounts and card
/// tokens, a keyed fingerprint for card numbers and national ids (which are never stored in clear).
/// </param>
/// <param name="Display">What a person may be shown: masked for card numbers and national ids.</param>
public readonly record struct NormalizedIdentifier(IdentifierKind Kind, string Key, string Display);

/// <summary>Settings for <see cref="IdentifierNormalizer"/>.</summary>
public sealed record IdentifierOptions
{
    /// <summary>
    /// Country calling code (digits, e.g. "44") for phone numbers written without one ("07700 900123");
    /// <see langword="null"/> rejects such numbers.
    /// </summary>
    public string? DefaultCountryCallingCode { get; init; }

    /// <summary>
    /// Secret key of the HMAC that fingerprints card numbers and national ids. The default is a
    /// development key; production sets its own, the same on every node.
    /// </summary>
    public string FingerprintKey { get; init; } = "customerview-development-fingerprint-key";
}

/// <summary>Normalises identifiers: phones to E.164, card numbers and national ids to keyed fingerprints.</summary>
public sealed class IdentifierNormalizer
{
    private const int MaxPhoneLength = 64;

    private readonly IdentifierOptions _options;
    private readonly byte[] _fingerprintKey;

    /// <summary>Creates a normaliser.</summary>
    public IdentifierNormalizer(IdentifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DefaultCountryCallingCode is { } cc && !IsCountryCode(cc))
        {
            throw new ArgumentException("DefaultCountryCallingCode must be 1 to 3 digits not starting with 0.", nameof(options));
        }

        _options = options;
        _fingerprintKey = Encoding.UTF8.GetBytes(options.FingerprintKey);
    }

    /// <summary>A normaliser with default settings (no default country code).</summary>
    public static IdentifierNormalizer Default { get; } = new(new IdentifierOptions());

    /// <summary>Normalises <paramref name="value"/> as an identifier of <paramref name="kind"/>.</summary>
    /// <returns>Whether it is valid; when not, <paramref name="error"/> says why.</returns>
    public bool TryNormalize(IdentifierKind kind, string? value, out NormalizedIdentifier identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "identifier value is missing";
            return false;
        }

        if (value.Length > 64)
        {
            error = "identifier value is longer than 64 characters";
            return false;
        }

        switch (kind)
        {
            case IdentifierKind.Phone:
                if (TryNormalizePhone(value, out var e164, out error))
                {
                    identifier = new(kind, e164, e164);
                    return true;
                }

                return false;
            case IdentifierKind.Card:
                return TryNormalizeCard(value, out identifier, out error);
            case IdentifierKind.Account:
                return TryNormalizeAlphanumeric(kind, value, 4, 34, mask: false, out identifier, out error);
            case IdentifierKind.NationalId:
                return TryNormalizeAlphanumeric(kind, value, 4, 32, mask: true, out identifier, out error);
            default:
                error = $"identifier kind {(int)kind} is not one of phone, card, account, national id";
                return false;
        }
    }

    /// <summary>Normalises a phone number to E.164 (<c>+</c> and 8 to 15 digits).</summary>
    /// <remarks>
    /// Accepts spaces, dashes, dots, slashes and parentheses; an international prefix <c>+</c> or <c>00</c>;
    /// or a national number (a leading trunk <c>0</c> is dropped) when a default country code is configured.
    /// </remarks>
    public bool TryNormalizePhone(string value, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        e164 = null;
        if (value.Length > MaxPhoneLength)
        {
            error = $"phone number is longer than {MaxPhoneLength} characters";
            return false;
        }

        Span<char> digits = stackalloc char[value.Length];
        var count = 0;
        var international = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !international)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '/' or '(' or ')' or '\u00A0'))
            {
                error = $"phone number has an unexpected character '{c}'";
                return false;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        string? countryCode = null;
        if (!international && number.StartsWith("00"))
        {
            number = number[2..];
            international = true;
        }

        if (!international)
        {
            countryCode = _options.DefaultCountryCallingCode;
            if (countryCode is null)
            {
                error = "phone number has no country code (+ or 00) and no default country code is configured";
                return false;
            }

            if (number.StartsWith("0"))
            {
                number = number[1..];
            }
        }

        var total = number.Length + (countryCode?.Length ?? 0);
        if (total is < 8 or > 15)
        {
            error = $"phone number must have 8 to 15 digits with its country code, found {total}";
            return false;
        }

        if (countryCode is null && number[0] == '0')
        {
            error = "phone number's country code cannot start with 0";
            return false;
        }

        e164 = string.Concat("+", countryCode, number);
        error = null;
        return true;
    }

    private bool TryNormalizeCard(string value, out NormalizedIdentifier identifier, [NotNullWhen(false)] out string? error)
    {
        var compact = Compact(value, upperCase: false);
        if (compact.Length is >= 12 and <= 19 && IsAllDigits(compact))
        {
            identifier = new(IdentifierKind.Card, "pan:" + Fingerprint(compact), "**** " + compact[^4..]);
            error = null;
            return true;
        }

        var printable = IdText.ValidatePrintable(compact, 64, "card token");
        if (printable is not null)
        {
            identifier = default;
            error = printable;
            return false;
        }

        identifier = new(IdentifierKind.Card, "tok:" + compact, compact);
        error = null;
        return true;
    }

    private bool TryNormalizeAlphanumeric(
        IdentifierKind kind, string value, int min, int max, bool mask, out NormalizedIdentifier identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = default;
        var compact = Compact(value, upperCase: true);
        foreach (var c in compact)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                error = $"{Describe(kind)} may hold only letters and digits (found '{c}')";
                return false;
            }
        }

        if (compact.Length < min || compact.Length > max)
        {
            error = $"{Describe(kind)} must have {min} to {max} letters or digits, found {compact.Length}";
            return false;
        }

        identifier = mask
            ? new(kind, "nid:" + Fingerprint(compact), "****" + compact[^4..])
            : new(kind, compact, compact);
        error = null;
        return true;
    }

    private string Fingerprint(string value)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_fingerprintKey, Encoding.UTF8.GetBytes(value), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string Compact(string value, bool upperCase)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is ' ' or '-' or '.' or '/' or '\u00A0')
            {
                continue;
            }

            builder.Append(upperCase ? char.ToUpperInvariant(c) : c);
        }

        return builder.ToString();
    }

    private static bool IsAllDigits(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCountryCode(string value) => value.Length is >= 1 and <= 3 && value[0] != '0' && IsAllDigits(value);

    private static string Describe(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Account => "account number",
        IdentifierKind.NationalId => "national id",
        _ => kind.ToString(),
    };
}
