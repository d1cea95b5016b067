using System.Globalization;

namespace CustomerView.Contracts.Mapping;

/// <summary>ISO 8601 calendar dates ("YYYY-MM-DD") as the contracts carry them.</summary>
internal static class WireDate
{
    private const string Format = "yyyy-MM-dd";

    /// <summary>Parses exactly "YYYY-MM-DD"; false for anything else, including impossible dates.</summary>
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Formats <paramref name="date"/> as "YYYY-MM-DD".</summary>
    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}
