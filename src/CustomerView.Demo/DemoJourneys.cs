using CustomerView.Demo.Journeys;
using CustomerView.Domain.Events;

namespace CustomerView.Demo;

/// <summary>
/// Plays realistic cross-channel journeys of demo customers as domain events: onboarding (attributes and
/// identifiers, shared household phones), loans begun in the app and signed at the branch, complaints by phone with
/// their reply clock, branch appointments booked online, everyday interactions in every channel, and feedback.
/// </summary>
/// <remarks>
/// <para>
/// The sequence is lazy and ordered by a simulated wall clock: customers interleave, each customer's events come in
/// their own time order, except a small share delivered late (minutes to hours after later events of the same
/// customer, as a slow channel would). Only events whose late arrival the profile folds correctly are delayed, so
/// every event applies to a fresh profile as applied or duplicate, never invalid or rejected.
/// </para>
/// <para>
/// Memory grows with the number of customers (a few small plan entries each) and the events in flight, not with the
/// length of the sequence: a journey is expanded into events only when the clock reaches it.
/// </para>
/// </remarks>
public static class DemoJourneys
{
    private static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(2);

    /// <summary>The events of <paramref name="options"/>'s journeys, in delivery order.</summary>
    /// <param name="options">Customers, seed, clock and journey mix.</param>
    /// <returns>A lazy sequence; enumerating it twice yields the same events.</returns>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public static IEnumerable<DomainEvent> Generate(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GenerateCore(options);
    }

    private static IEnumerable<DomainEvent> GenerateCore(DemoOptions options)
    {
        var sources = new PriorityQueue<Source, (long Ticks, long Sequence)>();
        var delivery = new PriorityQueue<DomainEvent, (long Ticks, long Sequence)>();
        var random = DemoRandom.For(options.Seed, Streams.Delivery, 0);
        long sequence = 0;
        for (var customer = 0; customer < options.Customers; customer++)
        {
            var start = CustomerPlanner.OnboardingStart(options, customer);
            sources.Enqueue(new Source(customer), (start.UtcTicks, sequence++));
        }

        while (sources.TryDequeue(out var source, out var priority))
        {
            // Everything due for delivery before the earliest event still to occur can go out now.
            while (delivery.TryPeek(out _, out var due) && due.Ticks <= priority.Ticks)
            {
                yield return delivery.Dequeue();
            }

            switch (source.Expand(options))
            {
                case SourceStep.Planned planned:
                    foreach (var plan in planned.Plans)
                    {
                        sources.Enqueue(new Source(plan), (plan.Start.UtcTicks, sequence++));
                    }

                    continue;
                case SourceStep.Next next:
                    var e = next.Event;
                    var lag = LagOf(e, options, random);
                    delivery.Enqueue(e, (e.OccurredAt.UtcTicks + lag.Ticks, sequence++));
                    if (source.PeekTicks is { } ticks)
                    {
                        sources.Enqueue(source, (ticks, sequence++));
                    }

                    continue;
            }
        }

        while (delivery.TryDequeue(out var e, out _))
        {
            yield return e;
        }
    }

    /// <summary>How long after it occurred an event reaches Kafka: a second or two, or for a few, much later.</summary>
    private static TimeSpan LagOf(DomainEvent e, DemoOptions options, DemoRandom random)
    {
        if (!MayArriveLate(e.Payload))
        {
            return TimeSpan.Zero;
        }

        return random.Chance(options.LateDeliveryShare)
            ? random.Between(TimeSpan.FromMinutes(5), TimeSpan.FromHours(6))
            : random.Between(TimeSpan.Zero, MaxJitter);
    }

    /// <summary>
    /// Payloads whose late arrival every later event tolerates: attributes and identifiers resolve by time, tasks and
    /// appointments refold in time order and accept transitions from an unseen start. Complaint events stay in order:
    /// a confirmation before its resolution, or an extension before the filing, would be refused on arrival.
    /// </summary>
    private static bool MayArriveLate(EventPayload payload) => payload is not ComplaintEvent;

    /// <summary>Either a customer whose journeys are yet to be planned, a journey yet to be expanded, or a running journey.</summary>
    private sealed class Source
    {
        private readonly int _customer;
        private readonly JourneyPlan? _plan;
        private IReadOnlyList<DomainEvent>? _events;
        private int _next;

        public Source(int customer) => _customer = customer;

        public Source(JourneyPlan plan)
        {
            _customer = plan.Customer;
            _plan = plan;
        }

        public long? PeekTicks => _events is { } events && _next < events.Count ? events[_next].OccurredAt.UtcTicks : null;

        public SourceStep? Expand(DemoOptions options)
        {
            if (_plan is not { } plan)
            {
                return new SourceStep.Planned(CustomerPlanner.Plan(options, _customer));
            }

            _events ??= JourneyBuilder.Build(options, plan);
            return _next < _events.Count ? new SourceStep.Next(_events[_next++]) : null;
        }
    }

    private abstract record SourceStep
    {
        public sealed record Planned(List<JourneyPlan> Plans) : SourceStep;

        public sealed record Next(DomainEvent Event) : SourceStep;
    }
}
