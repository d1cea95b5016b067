using CustomerView.Contracts.Events;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Kafka;

namespace CustomerView.LoadTool;

/// <summary>
/// Generates realistic channel events, unique ids, keyed by customer id, in the channel mix a bank sees: mostly
/// interactions, some attribute changes, tasks started, progressed and completed.
/// </summary>
/// <remarks>
/// Each customer's tasks follow their lifecycle: a step or a completion names a task that was started for that
/// customer and is still open, and a customer holds at most <see cref="OpenTasksPerCustomer"/> open tasks. One event
/// in <see cref="PoisonEvery"/> is a deliberate bad one, a task of a kind no version knows, which the node refuses and
/// dead-letters, so the dead-letter path stays in every measurement at a rate a bank would see rather than dominate it.
/// Not thread-safe: one producer thread calls it.
/// </remarks>
internal sealed class Workload(string runId, int seed)
{
    /// <summary>One event in this many is a task of a kind no version knows.</summary>
    public const int PoisonEvery = 1_000;

    /// <summary>The most open tasks the workload gives one customer.</summary>
    public const int OpenTasksPerCustomer = 3;

    private static readonly string[] Topics = [.. KafkaOptions.DefaultChannelTopics];
    private static readonly string[] InteractionTopics = ["card-declined", "balance", "loan-status", "address-change", "fees", "mortgage-rate", "travel-notice", "pin-reset"];
    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _base = DateTimeOffset.UtcNow.AddDays(-2);
    private long _sequence;

    /// <summary>Per customer: tasks started so far, and tasks completed (the oldest open task is number <c>completed</c>).</summary>
    private int[] _started = [];
    private int[] _completed = [];

    public static string CustomerId(int n) => "C-" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static string TopicFor(Channel channel) => Topics[(int)channel - 1];

    /// <summary>One event for customer <paramref name="n"/>, in the usual mix.</summary>
    public DomainEvent Next(int n)
    {
        if (_sequence % PoisonEvery == PoisonEvery - 1)
        {
            return Event(n, new TaskStarted("T-poison", (TaskKind)99, "Task of a kind no version knows"));
        }

        var roll = _random.Next(100);
        EventPayload payload = roll switch
        {
            < 78 => Interaction(),
            < 88 => new AttributesChanged { PreferredName = "Name " + _random.Next(1000), Email = $"c{n}@example.com" },
            < 93 => StartOrComplete(n),
            < 97 => Step(n),
            _ => Complete(n),
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

    private static string TaskId(int number) => "T-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts a task, or completes the oldest open one when the customer already holds the most.</summary>
    private EventPayload StartOrComplete(int n)
    {
        Track(n);
        if (_started[n] - _completed[n] >= OpenTasksPerCustomer)
        {
            return Complete(n);
        }

        var number = _started[n]++;
        return new TaskStarted(TaskId(number), (TaskKind)(1 + _random.Next(3)), "Task") { NextAction = "upload documents" };
    }

    /// <summary>A step of one of the customer's open tasks; starts one when none is open.</summary>
    private EventPayload Step(int n)
    {
        Track(n);
        var open = _started[n] - _completed[n];
        return open == 0
            ? StartOrComplete(n)
            : new TaskStepCompleted(TaskId(_completed[n] + _random.Next(open)), "step-" + _random.Next(5));
    }

    /// <summary>Completes the customer's oldest open task; starts one when none is open.</summary>
    private EventPayload Complete(int n)
    {
        Track(n);
        return _started[n] == _completed[n] ? StartOrComplete(n) : new TaskCompleted(TaskId(_completed[n]++), "done");
    }

    private void Track(int n)
    {
        if (n >= _started.Length)
        {
            var length = Math.Max(n + 1, _started.Length * 2);
            Array.Resize(ref _started, length);
            Array.Resize(ref _completed, length);
        }
    }

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
