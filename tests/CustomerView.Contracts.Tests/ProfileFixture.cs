using CustomerView.Contracts.Profiles;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;

namespace CustomerView.Contracts.Tests;

/// <summary>Builds domain profiles from events and projects them at a fixed instant.</summary>
internal sealed class ProfileFixture
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private int _sequence;

    public CustomerProfile Profile { get; } = new(CustomerId.Parse(Samples.CustomerText));

    /// <summary>Applies <paramref name="payload"/> as having occurred <paramref name="at"/>; returns the event id.</summary>
    public string Apply(EventPayload payload, DateTimeOffset at, Channel channel = Channel.MobileApp, ApplyOutcome expected = ApplyOutcome.Applied)
    {
        var id = $"e-{++_sequence:D3}";
        var result = Profile.Apply(new DomainEvent(EventId.Parse(id), Profile.CustomerId, channel, at, "test", payload));
        Assert.True(result.Outcome == expected, $"{payload.Name} at {at:O}: {result.Outcome} {result.Reason}");
        return id;
    }

    public string Interaction(DateTimeOffset at, Channel channel = Channel.MobileApp, bool? resolvedFirstContact = null) =>
        Apply(new InteractionRecorded { Type = InteractionType.Inquiry, Topic = "topic-" + _sequence, ResolvedFirstContact = resolvedFirstContact }, at, channel);

    public V1.CustomerProfile Project(V1.ProfileView view) =>
        ProfileProjection.Project(Profile, ProfileInsights.Evaluate(Profile, Now), view);
}
