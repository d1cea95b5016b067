using CustomerView.Cli.Rendering;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using CustomerView.Demo;
using CustomerView.Domain.Insights;
using CustomerView.Grpc;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;
using Task = System.Threading.Tasks.Task;

namespace CustomerView.Cli.Tests;

public sealed class RenderingTests
{
    [Fact]
    public void Render_ShowsEverySectionOfAFullProfile()
    {
        var text = TestConsole.Render(ProfileRenderer.Render(SampleProfiles.Full()));

        foreach (var expected in new[]
        {
            "C-000042 · revision 17", "Zofia Wójcik", "prefers Zosia", "pl-PL", "retail / gold", "language interpreter — interpreter: Polish",
            "CRITICAL Complaint CMP-000042-1 (card) is overdue", "WARNING Task LOAN-000042-1 has waited", "INFO Appointment at 14:30",
            "+442079460018", "shared", "**** 4242",
            "75%", "3.5 / 5 (4 answers)", "call center 3",
            "Personal loan £12,000", "mobile app → branch counter", "Sign loan agreement at branch", "(in 2d)",
            "CMP-000042-1", "overdue", "escalated", "high",
            "BR-LDN-01", "Mortgage advice", "(in 3h)",
            "Complaint taken: card declined abroad", "complaint contact", "follow up required", "3m05s", "12m00s", "agent-007",
            "2/5", "Far too slow.",
            "ev-poison-1", "task_completed is not allowed",
        })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Render_SaysNoAlertsAndSkipsEmptySections_WhenTheProfileIsNew()
    {
        var text = TestConsole.Render(ProfileRenderer.Render(new CustomerProfile { CustomerId = "C-9", Attributes = new Attributes { FullName = "New Customer" } }, possiblyStale: true));

        Assert.Contains("No alerts", text);
        Assert.Contains("possibly stale", text);
        Assert.Contains("New Customer", text);
        Assert.Contains("Satisfaction  - / 5 (0 answers)", text);
        Assert.DoesNotContain("0.0 / 5", text);
        Assert.DoesNotContain("Complaints", text);
        Assert.DoesNotContain("Recent interactions", text);
    }

    [Fact]
    public void Render_EscapesMarkupInCustomerText()
    {
        var profile = new CustomerProfile { CustomerId = "C-1", Attributes = new Attributes { FullName = "[bold]Mallory[/]" } };

        var text = TestConsole.Render(ProfileRenderer.Render(profile));

        Assert.Contains("[bold]Mallory[/]", text);
    }

    [Fact]
    public void Render_ShowsADemoCustomerFoldedAndProjectedLikeTheServerWould()
    {
        var options = new DemoOptions { Customers = 40, Seed = 3, Now = SampleProfiles.Now };
        var events = DemoJourneys.Generate(options).Where(e => e.CustomerId.Value == "C-000001").ToList();
        var domain = new DomainProfile(events[0].CustomerId);
        foreach (var e in events)
        {
            domain.Apply(e);
        }

        var projected = ProfileProjection.Project(domain, ProfileInsights.Evaluate(domain, options.Now), ProfileView.Full);
        var text = TestConsole.Render(ProfileRenderer.Render(projected));

        Assert.Contains(domain.Attributes.FullName!, text);
        Assert.Contains("Identifiers", text);
        Assert.Contains("national id", text);
    }

    [Fact]
    public void Card_ShowsAlertsOpenWorkAndWhatChanged()
    {
        var text = TestConsole.Render(ProfileRenderer.Card(SampleProfiles.Full(), [ProfileSection.Tasks, ProfileSection.Alerts]));

        Assert.Contains("Zofia Wójcik", text);
        Assert.Contains("CRITICAL", text);
        Assert.Contains("Open tasks: 1", text);
        Assert.Contains("Open complaints: 1", text);
        Assert.Contains("changed: tasks, alerts", text);
        Assert.Contains("card-declined", text);
    }

    [Fact]
    public void Line_SummarisesAnUpdateOnOnePlainLine()
    {
        var update = new ProfileUpdate { Profile = SampleProfiles.Full(), EventId = "ev-77" };
        update.Changed.Add(ProfileSection.Interactions);

        var line = ProfileRenderer.Line(update);

        Assert.DoesNotContain('\n', line);
        Assert.Contains("C-000042 rev 17 changed interactions by ev-77", line);
        Assert.Contains("alerts 3 (1 critical)", line);
        Assert.Contains("last: call center card-declined", line);
    }

    [Fact]
    public void Line_SaysCurrentState_ForTheFirstMessageOfAStream()
    {
        var line = ProfileRenderer.Line(new ProfileUpdate { Profile = SampleProfiles.Full() });

        Assert.Contains("current state", line);
    }

    [Fact]
    public void Candidates_ListsEveryHouseholdMemberWithCards()
    {
        var response = new LookupCustomersResponse { NormalizedValue = "+442079460018" };
        response.Candidates.Add(new Candidate { CustomerId = "C-000001", SharedIdentifier = true, Card = SampleProfiles.Full() });
        response.Candidates.Add(new Candidate { CustomerId = "C-000002", SharedIdentifier = true, PossiblyStale = true });

        var text = TestConsole.Render(ListRenderer.Candidates(response, IdentifierKind.Phone));

        Assert.Contains("2 customer(s) hold phone +442079460018", text);
        Assert.Contains("C-000001", text);
        Assert.Contains("C-000002 *", text);
        Assert.Contains("Zofia Wójcik", text);
        Assert.Contains("shared", text);
    }

    [Fact]
    public void Candidates_SaysNone_WhenNobodyHoldsTheIdentifier()
    {
        var text = TestConsole.Render(ListRenderer.Candidates(new LookupCustomersResponse { NormalizedValue = "GB29CVBK" }, IdentifierKind.Account));

        Assert.Contains("0 customer(s) hold account GB29CVBK", text);
    }

    [Fact]
    public void Interactions_PrintsTheNextPageToken()
    {
        var response = new ListInteractionsResponse { NextPageToken = "page-2-token", FoldedCount = 7 };
        response.Interactions.Add(SampleProfiles.Full().RecentInteractions[0]);

        var text = TestConsole.Render(ListRenderer.Interactions(response, "C-000042"));

        Assert.Contains("1 interaction(s) of C-000042", text);
        Assert.Contains("--page-token page-2-token", text);
        Assert.Contains("7 older interaction(s)", text);
        Assert.Contains("agent-007", text);
    }

    [Fact]
    public void Tasks_ShowsStatusAndClosingNote()
    {
        var response = new ListTasksResponse();
        response.Tasks.Add(new CustomerView.Contracts.V1.Task
        {
            TaskId = "LOAN-1",
            Title = "Personal loan £3,000",
            Status = CustomerView.Contracts.V1.TaskStatus.Completed,
            StartedIn = Channel.MobileApp,
            CurrentChannel = Channel.BranchCounter,
            ClosingNote = "Agreement signed; funds disbursed",
        });

        var text = TestConsole.Render(ListRenderer.Tasks(response, "C-1"));

        Assert.Contains("1 task(s) of C-1", text);
        Assert.Contains("completed", text);
        Assert.Contains("Agreement signed; funds disbursed", text);
    }

    [Fact]
    public void Describe_GivesCodeAndDetail_ForAnErrorStatus()
    {
        var message = CliErrors.Describe(new RpcException(new Status(StatusCode.NotFound, "customer C-1 is not known")), new Uri("http://127.0.0.1:50051"));

        Assert.Equal("NOT_FOUND: customer C-1 is not known", message);
        Assert.Equal(ExitCodes.Failed, CliErrors.ExitCodeOf(new RpcException(new Status(StatusCode.NotFound, "x"))));
    }

    [Fact]
    public async Task Profile_PrintsOneLineNamingTheServer_WhenNothingListens()
    {
        using var console = new TestConsole();
        using var error = new StringWriter();
        var actions = new CliActions(console.Console, error);
        var server = new Uri("http://127.0.0.1:1");

        var code = await actions.ProfileAsync(new ProfileInvocation(server, "C-1", ProfileView.Card, false), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Unavailable, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("UNAVAILABLE: cannot reach the CustomerView server at http://127.0.0.1:1/ (connection refused)", line);
        Assert.Empty(console.Text);
    }

    [Fact]
    public void Describe_Report_CountsRecordsAndRate()
    {
        var text = CliActions.Describe(new DemoPlayReport(1500, 1490, 150, 10, 1500, 0, TimeSpan.FromSeconds(3)));

        Assert.Contains("1,500 records (1,490 events, 150 JSON, 10 poison), 1,500 delivered, 0 failed, 500/s over 3.0s", text);
    }
}
