using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli.Rendering;

/// <summary>Tables for the list commands: lookup candidates, tasks, interaction pages.</summary>
internal static class ListRenderer
{
    public static IRenderable Candidates(V1.LookupCustomersResponse response, V1.IdentifierKind kind)
    {
        ArgumentNullException.ThrowIfNull(response);
        var title = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"{response.Candidates.Count} customer(s) hold {Names.Display(kind)} [bold]{Markup.Escape(response.NormalizedValue)}[/]"));
        if (response.Candidates.Count == 0)
        {
            return title;
        }

        var table = ProfileRenderer.NewTable("Customer", "Name", "Shared", "Segment", "Language", "Alerts", "Open tasks", "Open complaints");
        foreach (var c in response.Candidates)
        {
            var card = c.Card;
            var a = card?.Attributes;
            table.AddRow(
                Markup.Escape(c.CustomerId) + (c.PossiblyStale ? " [yellow]*[/]" : string.Empty),
                Format.Text(a?.FullName),
                c.SharedIdentifier ? "[yellow]shared[/]" : "-",
                a is null ? "-" : $"{Format.Text(a.Segment)} / {Format.Text(a.Tier)}",
                Format.Text(a?.PreferredLanguage),
                card is null ? "-" : AlertSummary(card),
                card?.Figures?.OpenTasks.ToString(CultureInfo.InvariantCulture) ?? "-",
                card?.Figures?.OpenComplaints.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        return new Rows(title, table);
    }

    public static IRenderable Tasks(V1.ListTasksResponse response, string customerId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var title = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"{response.Tasks.Count} task(s) of [bold]{Markup.Escape(customerId)}[/]{(response.PossiblyStale ? " [yellow](possibly stale)[/]" : string.Empty)}"));
        return response.Tasks.Count == 0 ? title : new Rows(title, ProfileRenderer.Tasks(response.Tasks, null));
    }

    public static IRenderable Interactions(V1.ListInteractionsResponse response, string customerId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var parts = new List<IRenderable>
        {
            new Markup(string.Create(CultureInfo.InvariantCulture,
                $"{response.Interactions.Count} interaction(s) of [bold]{Markup.Escape(customerId)}[/], newest first{(response.PossiblyStale ? " [yellow](possibly stale)[/]" : string.Empty)}")),
        };
        if (response.Interactions.Count > 0)
        {
            parts.Add(ProfileRenderer.Interactions(response.Interactions, null));
        }

        if (response.NextPageToken.Length > 0)
        {
            parts.Add(new Markup($"Next page: [bold]--page-token {Markup.Escape(response.NextPageToken)}[/]"));
        }

        if (response.FoldedCount > 0)
        {
            parts.Add(new Markup(string.Create(CultureInfo.InvariantCulture, $"[grey]{response.FoldedCount} older interaction(s) are counted but no longer listed.[/]")));
        }

        return new Rows(parts);
    }

    private static string AlertSummary(V1.CustomerProfile card)
    {
        if (card.Alerts.Count == 0)
        {
            return "-";
        }

        var worst = card.Alerts.Max(a => a.Severity);
        return $"[{Format.AlertColour(worst)}]{card.Alerts.Count.ToString(CultureInfo.InvariantCulture)}[/]";
    }
}
