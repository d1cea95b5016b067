using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli.Rendering;

/// <summary>Renders a profile as the person serving the customer reads it: header, alerts, then one section per kind of data.</summary>
internal static partial class ProfileRenderer
{
    /// <summary>The whole profile, every section that has content.</summary>
    public static IRenderable Render(V1.CustomerProfile profile, bool possiblyStale = false)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var parts = new List<IRenderable> { Header(profile, possiblyStale), Alerts(profile) };
        AddIfAny(parts, "Identifiers", profile.Identifiers.Count, () => Identifiers(profile));
        parts.Add(Section("Figures", Figures(profile)));
        AddIfAny(parts, "Tasks", profile.Tasks.Count, () => Tasks(profile.Tasks, profile.EvaluatedAt));
        AddIfAny(parts, "Complaints", profile.Complaints.Count, () => Complaints(profile));
        AddIfAny(parts, "Appointments", profile.Appointments.Count, () => Appointments(profile));
        AddIfAny(parts, "Recent interactions", profile.RecentInteractions.Count, () => Interactions(profile.RecentInteractions, profile.EvaluatedAt));
        AddIfAny(parts, "Recent feedback", profile.RecentFeedback.Count, () => Feedback(profile));
        AddIfAny(parts, "Rejected events", profile.RejectedEvents.Count, () => Rejected(profile));
        return new Rows(parts);
    }

    /// <summary>The compact card of a live watch: header, alerts, open work and the last interactions.</summary>
    public static IRenderable Card(V1.CustomerProfile profile, IEnumerable<V1.ProfileSection>? changed = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var figures = profile.Figures ?? new V1.Figures();
        var open = string.Create(CultureInfo.InvariantCulture,
            $"Open tasks: [bold]{figures.OpenTasks}[/]   Open complaints: [bold]{figures.OpenComplaints}[/]   Interactions: {figures.TotalInteractions}   FCR: {Format.Percent(figures.HasFirstContactResolutionRate ? figures.FirstContactResolutionRate : null)}   Satisfaction: {Format.Number(figures.HasAverageSatisfaction ? figures.AverageSatisfaction : null)}");
        var parts = new List<IRenderable> { Header(profile, false), Alerts(profile), new Markup(open) };
        if (profile.RecentInteractions.Count > 0)
        {
            parts.Add(Interactions(profile.RecentInteractions.Take(3), profile.EvaluatedAt));
        }

        var sections = changed?.Select(Names.Display).ToList() ?? [];
        parts.Add(new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[grey]revision {profile.Revision} · evaluated {Format.Time(profile.EvaluatedAt)} UTC{(sections.Count > 0 ? " · changed: " + Markup.Escape(string.Join(", ", sections)) : string.Empty)} · Ctrl+C to stop[/]")));
        return new Rows(parts);
    }

    /// <summary>One plain line per update, for a watch whose output is not a terminal.</summary>
    public static string Line(V1.ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profile = update.Profile ?? new V1.CustomerProfile();
        var attributes = profile.Attributes ?? new V1.Attributes();
        var figures = profile.Figures ?? new V1.Figures();
        var changed = update.Changed.Count == 0 ? "current state" : "changed " + string.Join(",", update.Changed.Select(Names.KebabOf));
        var critical = profile.Alerts.Count(a => a.Severity == V1.AlertSeverity.Critical);
        var last = profile.RecentInteractions.FirstOrDefault();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Format.Time(profile.EvaluatedAt)} {profile.CustomerId} rev {profile.Revision} {changed}{(update.EventId.Length > 0 ? " by " + update.EventId : string.Empty)} | {attributes.FullName} | alerts {profile.Alerts.Count} ({critical} critical) | open tasks {figures.OpenTasks} | open complaints {figures.OpenComplaints}{(last is null ? string.Empty : $" | last: {Names.Display(last.Channel)} {last.Topic}")}");
    }

    private static void AddIfAny(List<IRenderable> parts, string title, int count, Func<IRenderable> render)
    {
        if (count > 0)
        {
            parts.Add(Section(title, render()));
        }
    }

    private static Rows Section(string title, IRenderable body) =>
        new Rows(new Rule($"[bold]{Markup.Escape(title)}[/]") { Justification = Justify.Left }, body);
}
