using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using TaskStatus = CustomerView.Domain.TaskStatus;

namespace CustomerView.Demo.Tests;

public sealed class DemoJourneysTests
{
    [Fact]
    public void Generate_AppliesEveryEventAsAppliedOrDuplicate_WhenFoldedIntoFreshProfiles()
    {
        var (profiles, results) = DemoFixtures.Apply(DemoJourneys.Generate(DemoFixtures.Options()));

        Assert.Equal(300, profiles.Count);
        var bad = results.Where(r => r.Result.Outcome is not (ApplyOutcome.Applied or ApplyOutcome.Duplicate)).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Take(5).Select(b => $"{b.Event.Id} {b.Event.Payload.Name}: {b.Result.Outcome} {b.Result.Reason}")));
        Assert.All(profiles.Values, p => Assert.Empty(p.RejectedEvents));
    }

    [Fact]
    public void Generate_ProducesNoEventAfterNow_AndStaysWithinHistory()
    {
        var options = DemoFixtures.Options(customers: 200);

        var events = DemoJourneys.Generate(options).ToList();

        Assert.All(events, e => Assert.InRange(e.OccurredAt, options.Now - options.History, options.Now));
        Assert.InRange(events.Count, 200 * 10, 200 * 60);
    }

    [Fact]
    public void Generate_EndsCompletedLoansAtTheBranch_AfterStartingThemInTheApp()
    {
        var (profiles, _) = DemoFixtures.Apply(DemoJourneys.Generate(DemoFixtures.Options()));

        var loans = profiles.Values.SelectMany(p => p.Tasks).Where(t => t.Kind == TaskKind.LoanApplication).ToList();
        var completed = loans.Where(t => t.Status == TaskStatus.Completed).ToList();
        Assert.NotEmpty(completed);
        Assert.All(completed, task =>
        {
            Assert.Equal(Channel.MobileApp, task.StartedIn);
            Assert.Equal(Channel.BranchCounter, task.CurrentChannel);
            var channels = task.History.Select(s => s.Channel).ToList();
            Assert.Equal(Channel.MobileApp, channels[0]);
            Assert.Equal(Channel.BranchCounter, channels[^1]);
            Assert.Equal(channels.Count - 1, channels.IndexOf(Channel.BranchCounter));
            Assert.Contains(task.History, s => s.Description.StartsWith("handed off to BranchCounter", StringComparison.Ordinal));
            Assert.Contains(task.History, s => s.Description.StartsWith("waiting on customer", StringComparison.Ordinal));
        });
        Assert.Contains(loans, t => t.Status == TaskStatus.WaitingOnCustomer);
        Assert.Contains(loans, t => t.Status == TaskStatus.Cancelled);
    }

    [Fact]
    public void Generate_SharesOnePhoneAcrossHouseholdMembers_MarkedShared()
    {
        var links = DemoJourneys.Generate(DemoFixtures.Options())
            .Where(e => e.Payload is IdentifierLinked { Kind: IdentifierKind.Phone })
            .Select(e => (Customer: e.CustomerId.Value, Link: (IdentifierLinked)e.Payload))
            .ToList();

        var byPhone = links.GroupBy(l => Normalize(l.Link.Value)).ToList();
        var shared = byPhone.Where(g => g.Select(l => l.Customer).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count >= 5, $"only {shared.Count} shared phones");
        Assert.All(shared, g =>
        {
            Assert.InRange(g.Select(l => l.Customer).Distinct().Count(), 2, 3);
            Assert.All(g, l => Assert.True(l.Link.Shared));
        });
        Assert.All(byPhone.Where(g => g.Count() == 1), g => Assert.False(g.Single().Link.Shared));
    }

    [Fact]
    public void Generate_ReproducesTheSameEvents_WhenSeedAndClockAreTheSame()
    {
        var first = DemoJourneys.Generate(DemoFixtures.Options(customers: 80, seed: 11)).ToList();
        var second = DemoJourneys.Generate(DemoFixtures.Options(customers: 80, seed: 11)).ToList();
        var other = DemoJourneys.Generate(DemoFixtures.Options(customers: 80, seed: 12)).ToList();

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(e => e.Id), other.Select(e => e.Id));
        Assert.Empty(first.Select(e => e.Id).Intersect(other.Select(e => e.Id)));
    }

    [Fact]
    public void Generate_GivesUniqueIds_AcrossTenThousandEvents()
    {
        var ids = DemoJourneys.Generate(DemoFixtures.Options(customers: 600)).Take(10_000).Select(e => e.Id.Value).ToList();

        Assert.Equal(10_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_InterleavesCustomers_AndDeliversSomeEventsLate()
    {
        var events = DemoJourneys.Generate(DemoFixtures.Options()).ToList();

        var firstHundred = events.Take(100).Select(e => e.CustomerId).Distinct().Count();
        Assert.True(firstHundred > 10, $"the first 100 events are from {firstHundred} customers");
        var late = 0;
        foreach (var customer in events.GroupBy(e => e.CustomerId))
        {
            DateTimeOffset? newest = null;
            foreach (var e in customer)
            {
                late += e.OccurredAt < newest - TimeSpan.FromMinutes(1) ? 1 : 0;
                newest = newest is { } n && n > e.OccurredAt ? n : e.OccurredAt;
            }
        }

        Assert.InRange(late, 1, events.Count / 10);
    }

    [Fact]
    public void Generate_RaisesTheAlertsOfARealisticBranch_WhenProfilesAreReadAtNow()
    {
        var (profiles, _) = DemoFixtures.Apply(DemoJourneys.Generate(DemoFixtures.Options()));

        var alerts = profiles.Values.SelectMany(p => ProfileInsights.Evaluate(p, DemoFixtures.Now).Alerts).Select(a => a.Kind).ToHashSet();

        Assert.Contains(AlertKind.ComplaintDueSoon, alerts);
        Assert.Contains(AlertKind.ComplaintOverdue, alerts);
        Assert.Contains(AlertKind.TaskWaitingOnCustomer, alerts);
        Assert.Contains(AlertKind.AppointmentToday, alerts);
        Assert.Contains(AlertKind.RepeatedContacts, alerts);
        Assert.Contains(AlertKind.NeedsAssistance, alerts);
    }

    [Fact]
    public void Generate_CoversEveryChannelLanguageMixAndLifecycle_ForAPopulation()
    {
        var (profiles, results) = DemoFixtures.Apply(DemoJourneys.Generate(DemoFixtures.Options()));

        var channels = results.Select(r => r.Event.Channel).ToHashSet();
        Assert.Equal(8, channels.Count);
        var languages = profiles.Values.Select(p => p.Attributes.PreferredLanguage).Distinct().ToList();
        Assert.True(languages.Count >= 5, string.Join(",", languages));
        Assert.Contains(profiles.Values.SelectMany(p => p.Complaints), c => c.Status == ComplaintStatus.Confirmed);
        Assert.Contains(profiles.Values.SelectMany(p => p.Complaints), c => c.ReopenCount > 0 && c.IsOpen);
        Assert.Contains(profiles.Values.SelectMany(p => p.Appointments), a => a.Status == AppointmentStatus.Served);
        Assert.Contains(profiles.Values.SelectMany(p => p.Appointments), a => a.Status == AppointmentStatus.Missed);
        Assert.Contains(results, r => r.Event.Payload is FeedbackGiven { Satisfaction: <= 2 });
        Assert.Contains(results, r => r.Event.Payload is InteractionRecorded { WaitingDuration: not null, ResolvedFirstContact: true });
        var accessible = profiles.Values.Count(p => p.Attributes.Accessibility is { Needs.Count: > 0 });
        Assert.InRange(accessible, 3, 60);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Generate_Throws_WhenCustomersIsNotPositive(int customers)
    {
        var options = DemoFixtures.Options() with { Customers = customers };

        Assert.Throws<ArgumentException>(() => DemoJourneys.Generate(options));
    }

    [Fact]
    public void Generate_Throws_WhenPrefixMakesInvalidCustomerIds()
    {
        var options = DemoFixtures.Options() with { CustomerIdPrefix = "C 1" };

        Assert.Throws<ArgumentException>(() => DemoJourneys.Generate(options));
    }

    [Fact]
    public void CustomerIdOf_UsesPrefixAndSixDigits()
    {
        var options = DemoFixtures.Options() with { CustomerIdPrefix = "DEMO-" };

        Assert.Equal("DEMO-000042", options.CustomerIdOf(41));
    }

    private static string Normalize(string phone) =>
        IdentifierNormalizer.Default.TryNormalizePhone(phone, out var e164, out var error) ? e164 : throw new InvalidOperationException(error);
}
