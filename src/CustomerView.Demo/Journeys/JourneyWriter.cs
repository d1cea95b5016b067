using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;

namespace CustomerView.Demo.Journeys;

/// <summary>
/// Collects the events of one journey in occurrence order. Event ids are deterministic and unique by construction:
/// seed, customer, journey and step. Events are never earlier than the journey's start, and nothing at or after
/// the first event past "now" is kept (the journey simply has not got that far yet).
/// </summary>
internal sealed class JourneyWriter
{
    private readonly List<DomainEvent> _events = [];
    private readonly string _idPrefix;
    private readonly CustomerId _customerId;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _now;
    private DateTimeOffset _last;
    private bool _stopped;

    public JourneyWriter(DemoOptions options, DemoCustomer customer, string tag, DateTimeOffset start)
    {
        _customerId = CustomerId.Parse(customer.Id);
        _idPrefix = string.Create(CultureInfo.InvariantCulture, $"ev-{(uint)options.Seed:x8}-{customer.Id}-{tag}-");
        _start = start;
        _last = start;
        _now = options.Now;
    }

    public IReadOnlyList<DomainEvent> Events => _events;

    /// <summary>Whether an event was cut off at "now", i.e. the journey is still under way.</summary>
    public bool Stopped => _stopped;

    /// <summary>Adds an event; returns it, or <see langword="null"/> when it would occur after "now".</summary>
    public DomainEvent? Add(Channel channel, DateTimeOffset at, string source, EventPayload payload, string? correlationId = null)
    {
        if (at < _last)
        {
            at = _last;
        }

        if (_stopped || at > _now)
        {
            _stopped = true;
            return null;
        }

        _last = at;
        var id = EventId.Parse(string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}{_events.Count + 1:D2}"));
        var e = new DomainEvent(id, _customerId, channel, at, source, payload) { CorrelationId = correlationId };
        _events.Add(e);
        return e;
    }

    /// <summary>The instant of the last event added (or the start).</summary>
    public DateTimeOffset Last => _last;

    public DateTimeOffset Start => _start;
}
