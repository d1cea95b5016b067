using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli.Rendering;

internal static partial class ProfileRenderer
{
    private static Panel Header(V1.CustomerProfile profile, bool possiblyStale)
    {
        var a = profile.Attributes ?? new V1.Attributes();
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]Name[/]", $"[bold]{Format.Text(a.FullName)}[/]{(a.PreferredName.Length > 0 ? $" (prefers [bold]{Markup.Escape(a.PreferredName)}[/])" : string.Empty)}");
        grid.AddRow("[grey]Language[/]", Format.Text(a.PreferredLanguage));
        grid.AddRow("[grey]Segment[/]", $"{Format.Text(a.Segment)} / {Format.Text(a.Tier)}");
        if (a.AccessibilityNeeds.Count > 0 || a.AccessibilityNote.Length > 0)
        {
            var needs = string.Join(", ", a.AccessibilityNeeds.Select(Names.Display));
            var note = a.AccessibilityNote.Length > 0 ? $" — {Markup.Escape(a.AccessibilityNote)}" : string.Empty;
            grid.AddRow("[grey]Accessibility[/]", $"[bold yellow]{Markup.Escape(needs)}{note}[/]");
        }

        grid.AddRow("[grey]Contact[/]", $"{Format.Text(a.ContactPhone)} · {Format.Text(a.Email)} · prefers {Names.Display(a.PreferredChannel)}");
        grid.AddRow("[grey]Born[/]", $"{Format.Text(a.DateOfBirth)}   [grey]Marketing consent[/] {Format.YesNo(a.HasMarketingConsent ? a.MarketingConsent : null)}");
        if (a.PostalAddress.Length > 0)
        {
            grid.AddRow("[grey]Address[/]", Markup.Escape(a.PostalAddress));
        }

        var stale = possiblyStale ? " [yellow](possibly stale)[/]" : string.Empty;
        return new Panel(grid)
        {
            Header = new PanelHeader(string.Create(CultureInfo.InvariantCulture, $" {Markup.Escape(profile.CustomerId)} · revision {profile.Revision}{stale} ")),
            Border = BoxBorder.Rounded,
            Expand = true,
        };
    }

    private static IRenderable Alerts(V1.CustomerProfile profile)
    {
        if (profile.Alerts.Count == 0)
        {
            return new Markup("[green]No alerts[/]");
        }

        var lines = profile.Alerts.Select(alert =>
        {
            var due = alert.DueAt is null ? string.Empty : $" [grey]— due {Format.TimeFrom(alert.DueAt, profile.EvaluatedAt)}[/]";
            return (IRenderable)new Markup($"[{Format.AlertColour(alert.Severity)}]●[/] {Format.Severity(alert.Severity)} {Markup.Escape(alert.Message)}{due}");
        });
        return new Rows(lines);
    }

    private static Table Identifiers(V1.CustomerProfile profile)
    {
        var table = NewTable("Kind", "Value", "Shared", "Linked");
        foreach (var id in profile.Identifiers)
        {
            table.AddRow(Names.Display(id.Kind), Format.Text(id.DisplayValue), id.Shared ? "[yellow]shared[/]" : "-", Format.Time(id.LinkedAt));
        }

        return table;
    }

    private static Grid Figures(V1.CustomerProfile profile)
    {
        var f = profile.Figures ?? new V1.Figures();
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]Interactions[/]", f.TotalInteractions.ToString(CultureInfo.InvariantCulture), "[grey]First-contact resolution[/]", Format.Percent(f.HasFirstContactResolutionRate ? f.FirstContactResolutionRate : null));
        grid.AddRow("[grey]Satisfaction[/]", $"{Format.Number(f.HasAverageSatisfaction ? f.AverageSatisfaction : null)} / 5 ({f.FeedbackCount} answers)", "[grey]NPS[/]", Format.Number(f.HasNetPromoterScore ? f.NetPromoterScore : null, "0"));
        grid.AddRow("[grey]Open tasks[/]", f.OpenTasks.ToString(CultureInfo.InvariantCulture), "[grey]Open complaints[/]", f.OpenComplaints.ToString(CultureInfo.InvariantCulture));
        var contacts = string.Join(", ", f.ContactsLast30Days.Where(c => c.Count > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{Names.Display(c.Channel)} {c.Count}")));
        grid.AddRow("[grey]Last 30 days[/]", contacts.Length > 0 ? Markup.Escape(contacts) : "-", string.Empty, string.Empty);
        return grid;
    }

    /// <summary>A tasks table; shared with <c>cv tasks</c>.</summary>
    public static Table Tasks(IEnumerable<V1.Task> tasks, Google.Protobuf.WellKnownTypes.Timestamp? now)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var table = NewTable("Task", "Title", "Status", "Channel", "Next action", "Due");
        foreach (var t in tasks)
        {
            var channel = t.StartedIn == t.CurrentChannel ? Names.Display(t.StartedIn) : $"{Names.Display(t.StartedIn)} → {Names.Display(t.CurrentChannel)}";
            var next = t.NextAction.Length > 0 ? Markup.Escape(t.NextAction) : t.ClosingNote.Length > 0 ? $"[grey]{Markup.Escape(t.ClosingNote)}[/]" : "-";
            table.AddRow(Markup.Escape(t.TaskId), Format.Text(t.Title), Format.Status(t.Status), Markup.Escape(channel), next, Format.TimeFrom(t.DueAt, now));
        }

        return table;
    }

    private static Table Complaints(V1.CustomerProfile profile)
    {
        var table = NewTable("Complaint", "Category", "Severity", "Status", "Clock", "Due", "Filed");
        foreach (var c in profile.Complaints)
        {
            table.AddRow(
                Markup.Escape(c.ComplaintId),
                Format.Text(c.Category),
                Format.Severity(c.Severity),
                Names.Display(c.Status) + (c.ReopenCount > 0 ? $" [grey](reopened {c.ReopenCount}×)[/]" : string.Empty),
                Format.Clock(c.Clock),
                Format.TimeFrom(c.DueAt, profile.EvaluatedAt),
                $"{Format.Time(c.FiledAt)} {Names.Display(c.FiledIn)}");
        }

        return table;
    }

    private static Table Appointments(V1.CustomerProfile profile)
    {
        var table = NewTable("Appointment", "When", "Where", "Purpose", "Status");
        foreach (var a in profile.Appointments)
        {
            table.AddRow(Markup.Escape(a.AppointmentId), Format.TimeFrom(a.ScheduledAt, profile.EvaluatedAt), Format.Text(a.Location), Format.Text(a.Purpose), Names.Display(a.Status));
        }

        return table;
    }

    /// <summary>An interactions table; shared with <c>cv interactions</c>.</summary>
    public static Table Interactions(IEnumerable<V1.Interaction> interactions, Google.Protobuf.WellKnownTypes.Timestamp? now)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var table = NewTable("When", "Channel", "Type", "Topic", "Summary", "Outcome", "FCR", "Wait", "Handle", "Staff");
        foreach (var i in interactions)
        {
            table.AddRow(
                Format.TimeFrom(i.OccurredAt, now),
                Names.Display(i.Channel),
                Names.Display(i.Type),
                Format.Text(i.Topic),
                Format.Text(i.Summary),
                Names.Display(i.Outcome),
                Format.YesNo(i.HasResolvedFirstContact ? i.ResolvedFirstContact : null),
                Format.Duration(i.WaitingDuration),
                Format.Duration(i.HandlingDuration),
                Format.Text(i.StaffId));
        }

        return table;
    }

    private static Table Feedback(V1.CustomerProfile profile)
    {
        var table = NewTable("When", "Channel", "Satisfaction", "NPS", "Comment");
        foreach (var f in profile.RecentFeedback)
        {
            table.AddRow(
                Format.TimeFrom(f.OccurredAt, profile.EvaluatedAt),
                Names.Display(f.Channel),
                f.HasSatisfaction ? string.Create(CultureInfo.InvariantCulture, $"{f.Satisfaction}/5") : "-",
                f.HasNps ? f.Nps.ToString(CultureInfo.InvariantCulture) : "-",
                Format.Text(f.Comment));
        }

        return table;
    }

    private static Table Rejected(V1.CustomerProfile profile)
    {
        var table = NewTable("Event", "When", "Subject", "Reason");
        foreach (var r in profile.RejectedEvents)
        {
            table.AddRow(Markup.Escape(r.EventId), Format.Time(r.OccurredAt), Format.Text(r.SubjectId), $"[red]{Markup.Escape(r.Reason)}[/]");
        }

        return table;
    }

    internal static Table NewTable(params string[] columns)
    {
        var table = new Table { Border = TableBorder.Rounded, Expand = false };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(column)}[/]"));
        }

        return table;
    }
}
