using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

internal static partial class JourneyBuilder
{
    private const string ContactCenter = "contact-center";
    private const string ComplaintsDesk = "complaints-desk";

    private static readonly IReadOnlyList<(ComplaintSeverity Item, double Weight)> Severities =
    [
        (ComplaintSeverity.Low, 30),
        (ComplaintSeverity.Medium, 45),
        (ComplaintSeverity.High, 20),
        (ComplaintSeverity.Critical, 5),
    ];

    /// <summary>
    /// A complaint by phone: the customer first tries other channels on the same topic (repeated contacts), then
    /// complains to the call center; the complaints desk acknowledges, may escalate, resolves; the customer confirms
    /// or reopens. Some stay open so the reply clock shows due soon or overdue at "now".
    /// </summary>
    private static void Complaint(
        JourneyWriter writer, DemoOptions options, DemoCustomer customer, DemoRandom random, ComplaintOutcome outcome, DateTimeOffset filed, int number)
    {
        var complaintId = string.Create(CultureInfo.InvariantCulture, $"CMP-{customer.Index + 1:D6}-{number}");
        var topic = random.Pick(DemoCatalog.ComplaintTopics);
        var contacts = new List<(DateTimeOffset At, Channel Channel)>();
        var before = random.Next(1, 3);
        for (var i = 0; i < before; i++)
        {
            contacts.Add((filed - random.Between(TimeSpan.FromHours(2), TimeSpan.FromDays(4)), random.Pick<Channel>([Channel.Chatbot, Channel.MobileApp, Channel.CallCenter, Channel.Social])));
        }

        contacts.Sort(static (a, b) => a.At.CompareTo(b.At));
        foreach (var (when, channel) in contacts)
        {
            writer.Add(channel, when, SourceOf(channel), new InteractionRecorded
            {
                Type = InteractionType.Inquiry,
                Topic = topic.Topic,
                Summary = "Contacted us about: " + topic.Description.ToLowerInvariant(),
                StaffId = channel is Channel.CallCenter or Channel.Social ? Staff("agent", random) : string.Empty,
                Outcome = channel == Channel.Chatbot ? InteractionOutcome.Transferred : InteractionOutcome.FollowUpRequired,
                ResolvedFirstContact = false,
                WaitingDuration = channel == Channel.CallCenter ? random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(14)) : null,
                HandlingDuration = random.Between(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(12)),
            });
        }

        var agent = Staff("agent", random);
        var call = writer.Add(Channel.CallCenter, filed, ContactCenter, new InteractionRecorded
        {
            Type = InteractionType.ComplaintContact,
            Topic = topic.Topic,
            Summary = "Complaint taken: " + topic.Description,
            StaffId = agent,
            Outcome = InteractionOutcome.FollowUpRequired,
            ResolvedFirstContact = false,
            WaitingDuration = random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(18)),
            HandlingDuration = random.Between(TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(25)),
            RelatedComplaintId = complaintId,
        }, complaintId);
        var at = filed + TimeSpan.FromSeconds(30);
        writer.Add(Channel.CallCenter, at, ContactCenter, new ComplaintFiled(complaintId, topic.Category, random.PickWeighted(Severities), topic.Description), complaintId);
        at += random.Between(TimeSpan.FromHours(1), TimeSpan.FromHours(20));
        var handler = Staff("cmp-handler", random);
        writer.Add(Channel.CallCenter, at, ComplaintsDesk, new ComplaintAcknowledged(complaintId, handler), complaintId);

        switch (outcome)
        {
            case ComplaintOutcome.OnTime:
                return;
            case ComplaintOutcome.DueSoon:
                if (random.Chance(0.5))
                {
                    writer.Add(Channel.CallCenter, at + random.Between(TimeSpan.FromDays(3), TimeSpan.FromDays(8)), ComplaintsDesk,
                        new ComplaintEscalated(complaintId, "complaints-specialists", "Needs a specialist review"), complaintId);
                }

                return;
            case ComplaintOutcome.Overdue:
                writer.Add(Channel.CallCenter, at + random.Between(TimeSpan.FromDays(2), TimeSpan.FromDays(6)), ComplaintsDesk,
                    new ComplaintEscalated(complaintId, "complaints-specialists", "Customer chased twice; no answer from the card scheme"), complaintId);
                return;
            case ComplaintOutcome.Extended:
                writer.Add(Channel.CallCenter, filed + random.Between(TimeSpan.FromDays(10), TimeSpan.FromDays(13)), ComplaintsDesk,
                    new ComplaintDeadlineExtended(complaintId, "Awaiting information from a third party", string.Empty), complaintId);
                return;
        }

        if (random.Chance(0.3))
        {
            at += random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(3));
            writer.Add(Channel.CallCenter, at, ComplaintsDesk, new ComplaintEscalated(complaintId, "complaints-specialists", "Compensation above the desk's limit"), complaintId);
        }

        at = filed + random.Between(TimeSpan.FromDays(4), TimeSpan.FromDays(12));
        writer.Add(Channel.CallCenter, at, ComplaintsDesk, new ComplaintResolved(complaintId, topic.Resolution), complaintId);
        at += random.Between(TimeSpan.FromHours(12), TimeSpan.FromDays(3));
        if (outcome == ComplaintOutcome.Reopened)
        {
            writer.Add(Channel.CallCenter, at, ContactCenter, new ComplaintReopened(complaintId, topic.ReopenReason), complaintId);
            writer.Add(Channel.CallCenter, at + random.Between(TimeSpan.FromHours(2), TimeSpan.FromDays(1)), ComplaintsDesk,
                new ComplaintEscalated(complaintId, "complaints-specialists", "Reopened by the customer"), complaintId);
            return;
        }

        writer.Add(Channel.OnlineBanking, at, "web-banking", new ComplaintConfirmed(complaintId), complaintId);
        Feedback(writer, options, random, Channel.CallCenter, at, random.Chance(0.6) ? "neutral" : "bad", call, complaintId);
    }

    private static string SourceOf(Channel channel) => channel switch
    {
        Channel.BranchCounter => "branch-teller",
        Channel.SmartTerminal => "atm-network",
        Channel.MobileApp => "mobile-backend",
        Channel.OnlineBanking => "web-banking",
        Channel.CallCenter => ContactCenter,
        Channel.Chatbot => "chatbot",
        Channel.Social => "wechat-gateway",
        _ => Crm,
    };
}
