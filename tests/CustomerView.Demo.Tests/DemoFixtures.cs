using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Demo.Tests;

/// <summary>Shared inputs: a fixed clock and seed, and profiles folded from generated events.</summary>
internal static class DemoFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    public static DemoOptions Options(int customers = 300, int seed = 7) => new() { Customers = customers, Seed = seed, Now = Now };

    /// <summary>Applies every event to its customer's fresh profile; returns the profiles and each event's outcome.</summary>
    public static (Dictionary<string, CustomerProfile> Profiles, List<(DomainEvent Event, ApplyResult Result)> Results) Apply(IEnumerable<DomainEvent> events)
    {
        var profiles = new Dictionary<string, CustomerProfile>(StringComparer.Ordinal);
        var results = new List<(DomainEvent, ApplyResult)>();
        foreach (var e in events)
        {
            if (!profiles.TryGetValue(e.CustomerId.Value, out var profile))
            {
                profile = new CustomerProfile(e.CustomerId);
                profiles.Add(e.CustomerId.Value, profile);
            }

            results.Add((e, profile.Apply(e)));
        }

        return (profiles, results);
    }
}
