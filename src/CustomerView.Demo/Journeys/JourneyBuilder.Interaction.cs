using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

internal static partial class JourneyBuilder
{
    /// <summary>An everyday contact in any channel, with waiting and handling times where people are involved.</summary>
    private static void Interaction(JourneyWriter writer, DemoOptions options, DemoCustomer customer, DemoRandom random)
    {
        var template = random.PickWeighted(DemoCatalog.Interactions);
        if (template.Channel == Channel.RelationshipManager && !customer.IsPremium)
        {
            template = DemoCatalog.Interactions[0].Item;
        }

        TimeSpan? waiting = template.Channel switch
        {
            Channel.CallCenter when template.Assisted => random.Between(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(15)),
            Channel.BranchCounter => random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(25)),
            Channel.Social => random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)),
            Channel.SmartTerminal => random.Between(TimeSpan.Zero, TimeSpan.FromMinutes(4)),
            _ => null,
        };
        var abandoned = template.Channel == Channel.CallCenter && template.Assisted && waiting > TimeSpan.FromMinutes(11) && random.Chance(0.5);
        var handling = abandoned
            ? TimeSpan.Zero
            : template.Assisted
                ? random.Between(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(18))
                : random.Between(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5));
        var resolved = !abandoned && random.Chance(template.Assisted ? 0.75 : 0.95);
        var outcome = abandoned
            ? InteractionOutcome.Abandoned
            : resolved
                ? template.Type == InteractionType.Inquiry ? InteractionOutcome.InformationGiven : InteractionOutcome.Resolved
                : template.Channel == Channel.Chatbot ? InteractionOutcome.Transferred : InteractionOutcome.FollowUpRequired;
        var staff = !template.Assisted || abandoned
            ? string.Empty
            : template.Channel switch
            {
                Channel.BranchCounter => customer.Teller,
                Channel.RelationshipManager => customer.RelationshipManager,
                Channel.Social => Staff("social-agent", random),
                _ => Staff("agent", random),
            };
        var e = writer.Add(template.Channel, writer.Start, template.Source, new InteractionRecorded
        {
            Type = template.Type,
            Topic = template.Topic,
            Summary = abandoned ? "Caller hung up while waiting" : template.Summary,
            StaffId = staff,
            Outcome = outcome,
            ResolvedFirstContact = template.Assisted || template.Channel == Channel.Chatbot ? resolved : null,
            WaitingDuration = waiting,
            HandlingDuration = handling,
        });
        if (template.Assisted && !abandoned && random.Chance(0.5))
        {
            Feedback(writer, options, random, template.Channel, writer.Start + handling, resolved ? "good" : "bad", e, null);
        }
    }
}
