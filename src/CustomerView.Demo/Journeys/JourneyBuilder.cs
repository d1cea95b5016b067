using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

/// <summary>Expands a planned journey into its events, in occurrence order.</summary>
internal static partial class JourneyBuilder
{
    private const string Crm = "crm";
    private const string Survey = "survey-service";

    public static IReadOnlyList<DomainEvent> Build(DemoOptions options, JourneyPlan plan)
    {
        var customer = DemoCustomer.Create(options, plan.Customer);
        var random = DemoRandom.For(options.Seed, Streams.Journey, ((long)plan.Customer << 12) | ((long)plan.Kind << 8) | (long)plan.Number);
        var tag = plan.Kind switch
        {
            JourneyKind.Onboarding => "onb",
            JourneyKind.ProfileUpdate => "upd",
            JourneyKind.Loan => "loan",
            JourneyKind.Complaint => "cmp",
            JourneyKind.Appointment => "apt",
            _ => "int",
        };
        var writer = new JourneyWriter(options, customer, string.Create(CultureInfo.InvariantCulture, $"{tag}{plan.Number}"), plan.Start);
        switch (plan.Kind)
        {
            case JourneyKind.Onboarding:
                Onboarding(writer, customer, random);
                break;
            case JourneyKind.ProfileUpdate:
                Update(writer, customer, random, (ProfileUpdate)plan.Outcome);
                break;
            case JourneyKind.Loan:
                Loan(writer, options, customer, random, (LoanOutcome)plan.Outcome, plan.Number);
                break;
            case JourneyKind.Complaint:
                Complaint(writer, options, customer, random, (ComplaintOutcome)plan.Outcome, plan.Anchor, plan.Number);
                break;
            case JourneyKind.Appointment:
                Appointment(writer, options, customer, random, (AppointmentOutcome)plan.Outcome, plan.Anchor, plan.Number);
                break;
            default:
                Interaction(writer, options, customer, random);
                break;
        }

        return writer.Events;
    }

    private static void Onboarding(JourneyWriter writer, DemoCustomer customer, DemoRandom random)
    {
        var at = writer.Start;
        var channel = customer.OnboardingChannel;
        var correlation = "onboarding-" + customer.Id;
        writer.Add(channel, at, Crm, new AttributesChanged
        {
            FullName = customer.FullName,
            PreferredName = customer.PreferredName,
            Email = customer.Email,
            ContactPhone = customer.PhoneShared ? null : customer.Phone,
            PostalAddress = customer.PostalAddress,
            PreferredLanguage = customer.Language,
            Accessibility = customer.Accessibility,
            Segment = customer.Segment,
            Tier = customer.Tier,
            MarketingConsent = customer.MarketingConsent,
            DateOfBirth = customer.DateOfBirth,
            PreferredChannel = customer.PreferredChannel,
        }, correlation);
        at += random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        writer.Add(channel, at, Crm, new IdentifierLinked(IdentifierKind.Phone, customer.Phone, customer.PhoneShared), correlation);
        at += random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(8));
        writer.Add(channel, at, "kyc-service", new IdentifierLinked(IdentifierKind.NationalId, customer.NationalId, false), correlation);
        at += random.Between(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(50));
        writer.Add(channel, at, "core-banking", new IdentifierLinked(IdentifierKind.Account, customer.Account, false), correlation);
        if (channel == Channel.BranchCounter)
        {
            var waited = random.Between(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(20));
            var handled = random.Between(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(45));
            writer.Add(channel, at + TimeSpan.FromMinutes(1), "branch-teller", new InteractionRecorded
            {
                Type = InteractionType.Consultation,
                Topic = "account-opening",
                Summary = "Opened a current account; identity documents checked",
                StaffId = customer.Teller,
                Outcome = InteractionOutcome.Resolved,
                ResolvedFirstContact = true,
                WaitingDuration = waited,
                HandlingDuration = handled,
            }, correlation);
        }

        at += random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(3));
        writer.Add(Channel.MobileApp, at, "card-management", new IdentifierLinked(IdentifierKind.Card, customer.CardNumber, false), correlation);
    }

    private static void Update(JourneyWriter writer, DemoCustomer customer, DemoRandom random, ProfileUpdate update)
    {
        var at = writer.Start;
        switch (update)
        {
            case ProfileUpdate.Email:
                writer.Add(Channel.MobileApp, at, "mobile-backend", new AttributesChanged
                {
                    Email = string.Create(CultureInfo.InvariantCulture, $"{DemoCatalog.Ascii(customer.GivenName)}{random.Next(10, 99)}@example.net"),
                });
                break;
            case ProfileUpdate.MarketingConsent:
                writer.Add(Channel.MobileApp, at, "mobile-backend", new AttributesChanged { MarketingConsent = !customer.MarketingConsent });
                break;
            case ProfileUpdate.TierUpgrade:
                writer.Add(Channel.RelationshipManager, at, Crm, new AttributesChanged
                {
                    Tier = customer.Tier == "standard" ? "gold" : "platinum",
                });
                break;
            case ProfileUpdate.Address:
                var address = string.Create(CultureInfo.InvariantCulture,
                    $"{random.Next(1, 180)} {random.Pick(DemoCatalog.Streets)}, {customer.Town.Name} {customer.Town.PostcodeArea} {random.Next(1, 10)}ZZ");
                writer.Add(Channel.OnlineBanking, at, "web-banking", new InteractionRecorded
                {
                    Type = InteractionType.ServiceRequest,
                    Topic = "address-change",
                    Summary = "Changed the postal address online",
                    Outcome = InteractionOutcome.Resolved,
                    ResolvedFirstContact = true,
                    HandlingDuration = random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4)),
                });
                writer.Add(Channel.OnlineBanking, at + TimeSpan.FromSeconds(2), "web-banking", new AttributesChanged { PostalAddress = address });
                break;
            default:
                writer.Add(Channel.MobileApp, at, "mobile-backend", new AttributesChanged
                {
                    PreferredChannel = customer.PreferredChannel == Channel.MobileApp ? Channel.OnlineBanking : Channel.MobileApp,
                });
                break;
        }
    }

    /// <summary>A survey answer after a journey or interaction, the score skewed by how it went.</summary>
    private static void Feedback(JourneyWriter writer, DemoOptions options, DemoRandom random, Channel channel, DateTimeOffset after, string mood, DomainEvent? about, string? correlation)
    {
        if (!random.Chance(options.FeedbackShare))
        {
            return;
        }

        var (satisfaction, comments) = mood switch
        {
            "good" => (random.Next(4, 6), DemoCatalog.PositiveComments),
            "bad" => (random.Next(1, 3), DemoCatalog.NegativeComments),
            _ => (random.Next(2, 5), DemoCatalog.NeutralComments),
        };
        var nps = Math.Clamp((satisfaction * 2) + random.Next(-2, 1), 0, 10);
        writer.Add(channel, after + random.Between(TimeSpan.FromMinutes(5), TimeSpan.FromHours(20)), Survey, new FeedbackGiven
        {
            Satisfaction = satisfaction,
            Nps = random.Chance(0.7) ? nps : null,
            Comment = random.Pick(comments),
            InteractionEventId = about?.Id.Value ?? string.Empty,
        }, correlation);
    }

    private static string Staff(string prefix, DemoRandom random) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{random.Next(1, 80):D3}");
}
