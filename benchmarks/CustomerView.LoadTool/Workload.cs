using CustomerView.Contracts.Events;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Kafka;

namespace CustomerView.LoadTool;

/// <summary>
/// Generates realistic channel events, unique ids, keyed by customer id, in the channel mix a bank sees: mostly
/// interactions, some attribute changes, tasks started and progressed.
/// </summary>
internal sealed class Workload(string runId, int seed)
{
    private static readonly string[] Topics = [.. KafkaOptions.DefaultChannelTopics];
    private static readonly string[] InteractionTopics = ["card-declined", "balance", "loan-status", "address-change", "fees", "mortgage-rate", "travel-notice", "pin-reset"];
    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _base = DateTimeOffset.UtcNow.AddDays(-2);
    private long _sequence;

    public static string CustomerId(int n) => "C-" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static string TopicFor(Channel channel) => Topics[(int)channel - 1];

    /// <summary>One event for customer <paramref name="n"/>, in the usual mix.</summary>
    public DomainEvent Next(int n)
    {
        var roll = _random.Next(100);
        EventPayload payload = roll switch
        {
            < 78 => Interaction(),
            < 88 => new AttributesChanged { PreferredName = "Name " + _random.Next(1000), Email = $"c{n}@example.com" },
            < 96 => new TaskStarted("T-" + _random.Next(6), (TaskKind)(1 + _random.Next(3)), "Task") { NextAction = "upload documents" },
            _ => new TaskStepCompleted("T-" + _random.Next(6), "step-" + _random.Next(5)),
        };
        return Event(n, payload);
    }

    /// <summary>An interaction for customer <paramref name="n"/>.</summary>
    public DomainEvent Interaction(int n) => Event(n, Interaction());

    /// <summary>An open task for customer <paramref name="n"/>.</summary>
    public DomainEvent Task(int n, int task) =>
        Event(n, new TaskStarted("T-" + task, (TaskKind)(1 + (task % 3)), "Task " + task) { NextAction = "sign at branch" });

    /// <summary>Encodes <paramref name="e"/> as the record value channel systems produce.</summary>
    public static byte[] Encode(DomainEvent e) => ChannelEventEncoder.ToBytes(e);

    private InteractionRecorded Interaction() => new()
    {
        Type = (InteractionType)(1 + _random.Next(3)),
        Topic = InteractionTopics[_random.Next(InteractionTopics.Length)],
        Summary = "Customer asked about their account and was helped",
        ResolvedFirstContact = _random.Next(4) != 0,
    };

    private DomainEvent Event(int n, EventPayload payload)
    {
        var sequence = ++_sequence;
        var channel = (Channel)(1 + _random.Next(Topics.Length));
        return new DomainEvent(
            EventId.Parse(runId + "-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Domain.Identity.CustomerId.Parse(CustomerId(n)),
            channel,
            _base.AddMilliseconds(sequence),
            "loadtool",
            payload);
    }
}
