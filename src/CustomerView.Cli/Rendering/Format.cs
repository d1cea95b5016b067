using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli.Rendering;

/// <summary>How values look in the terminal: times in UTC with a relative hint, durations, markup-safe text, colours.</summary>
internal static class Format
{
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "[grey]-[/]" : Markup.Escape(value);

    public static string Time(Timestamp? value) =>
        value is null ? "-" : value.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time with "in 3h" or "2d ago" relative to <paramref name="now"/> (the profile's evaluation time).</summary>
    public static string TimeFrom(Timestamp? value, Timestamp? now)
    {
        if (value is null)
        {
            return "-";
        }

        return now is null ? Time(value) : $"{Time(value)} [grey]({Relative(value.ToDateTimeOffset() - now.ToDateTimeOffset())})[/]";
    }

    public static string Relative(TimeSpan offset)
    {
        var span = offset.Duration();
        var amount = span.TotalDays >= 1
            ? $"{(int)span.TotalDays}d"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h" : $"{Math.Max(1, (int)span.TotalMinutes)}m";
        return offset >= TimeSpan.Zero ? "in " + amount : amount + " ago";
    }

    public static string Duration(Google.Protobuf.WellKnownTypes.Duration? value)
    {
        if (value is null)
        {
            return "-";
        }

        var span = value.ToTimeSpan();
        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:D2}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }

    public static string Percent(double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:0}%") : "-";

    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    public static string Severity(V1.AlertSeverity severity) => severity switch
    {
        V1.AlertSeverity.Critical => "[bold red]CRITICAL[/]",
        V1.AlertSeverity.Warning => "[yellow]WARNING[/]",
        V1.AlertSeverity.Info => "[blue]INFO[/]",
        _ => "[grey]-[/]",
    };

    public static string AlertColour(V1.AlertSeverity severity) => severity switch
    {
        V1.AlertSeverity.Critical => "red",
        V1.AlertSeverity.Warning => "yellow",
        _ => "blue",
    };

    public static string Clock(V1.ComplaintClockState clock) => clock switch
    {
        V1.ComplaintClockState.Overdue => "[bold red]overdue[/]",
        V1.ComplaintClockState.DueSoon => "[yellow]due soon[/]",
        V1.ComplaintClockState.OnTime => "[green]on time[/]",
        V1.ComplaintClockState.ResolvedOnTime => "[green]resolved on time[/]",
        V1.ComplaintClockState.ResolvedLate => "[red]resolved late[/]",
        _ => "[grey]-[/]",
    };

    public static string Severity(V1.ComplaintSeverity severity) => severity switch
    {
        V1.ComplaintSeverity.Critical => "[bold red]critical[/]",
        V1.ComplaintSeverity.High => "[red]high[/]",
        V1.ComplaintSeverity.Medium => "[yellow]medium[/]",
        V1.ComplaintSeverity.Low => "low",
        _ => "-",
    };

    public static string Status(V1.TaskStatus status) => status switch
    {
        V1.TaskStatus.WaitingOnCustomer => "[yellow]waiting on customer[/]",
        V1.TaskStatus.WaitingOnBank => "[blue]waiting on bank[/]",
        V1.TaskStatus.Completed => "[green]completed[/]",
        V1.TaskStatus.Cancelled or V1.TaskStatus.Expired => $"[grey]{Names.Display(status)}[/]",
        _ => Names.Display(status),
    };

    public static string YesNo(bool? value) => value switch
    {
        true => "[green]yes[/]",
        false => "[red]no[/]",
        _ => "-",
    };
}
