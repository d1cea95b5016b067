using System.Text;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli;

/// <summary>Command-line spellings of enum values (kebab case) and their display names (lower-case words).</summary>
internal static class Names
{
    public static readonly IReadOnlyDictionary<string, V1.Channel> Channels = Kebab<V1.Channel>();

    public static readonly IReadOnlyDictionary<string, V1.TaskStatus> TaskStatuses = Kebab<V1.TaskStatus>();

    public static readonly IReadOnlyDictionary<string, V1.ProfileView> Views = Kebab<V1.ProfileView>();

    public static readonly IReadOnlyDictionary<string, V1.IdentifierKind> IdentifierKinds = Kebab<V1.IdentifierKind>();

    /// <summary>"MobileApp" → "mobile app"; unspecified → "-".</summary>
    public static string Display<T>(T value)
        where T : struct, Enum =>
        Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0 ? "-" : Words(value.ToString(), ' ');

    /// <summary>"WaitingOnCustomer" → "waiting-on-customer".</summary>
    public static string KebabOf<T>(T value)
        where T : struct, Enum => Words(value.ToString(), '-');

    /// <summary>"NotFound" → "NOT_FOUND".</summary>
    public static string ScreamingSnake(string pascal) => pascal == "OK" ? "OK" : Words(pascal, '_').ToUpperInvariant();

    private static Dictionary<string, T> Kebab<T>()
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<T>())
        {
            if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                map.Add(KebabOf(value), value);
            }
        }

        return map;
    }

    private static string Words(string pascal, char separator)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(pascal[i - 1]))
            {
                builder.Append(separator);
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
