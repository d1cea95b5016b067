using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;

namespace CustomerView.Domain.Tests;

/// <summary>Builds domain events for tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static CustomerId Customer { get; } = CustomerId.Parse("C-1001");

    public static DomainEvent Make(string id, EventPayload payload, DateTimeOffset? at = null, Channel channel = Channel.MobileApp) =>
        new(EventId.Parse(id), Customer, channel, at ?? T0, "test", payload);

    public static DomainEvent Make(string id, EventPayload payload, int minutes, Channel channel = Channel.MobileApp) =>
        Make(id, payload, T0.AddMinutes(minutes), channel);

    public static InteractionRecorded Interaction(string topic = "card-declined", bool? fcr = null) =>
        new() { Type = InteractionType.Inquiry, Topic = topic, Summary = "asked about " + topic, ResolvedFirstContact = fcr };

    public static CustomerProfile NewProfile(ProfileOptions? options = null) => new(Customer, options);

    public static CustomerProfile ApplyAll(this CustomerProfile profile, params DomainEvent[] events)
    {
        foreach (var e in events)
        {
            profile.Apply(e);
        }

        return profile;
    }
}
