using CustomerView.Actors;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using CustomerView.Domain.Events;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;

namespace CustomerView.Engine;

/// <summary>
/// One customer's actor: the live profile, whether it holds changes not yet durable, the serialized-view cache
/// the read path serves from, and the watchers to tell about changes. All members run under the actor's turn.
/// </summary>
internal sealed partial class CustomerActor : Actor
{
    private List<ProfileWatcher>? _watchers;

    public CustomerActor(DomainProfile profile, int partition)
        : base(profile.CustomerId.Value)
    {
        Profile = profile;
        Partition = partition;
    }

    /// <summary>The live profile.</summary>
    public DomainProfile Profile { get; }

    /// <summary>The partition whose owner owns this customer.</summary>
    public int Partition { get; }

    /// <summary>Whether the profile holds changes not yet committed to storage.</summary>
    public bool Dirty { get; private set; }

    /// <summary>Whether the identifier set changed since the last commit (the store must replace its copy).</summary>
    public bool IdentifiersDirty { get; private set; }

    /// <summary>Whether anyone watches this customer.</summary>
    public bool HasWatchers => _watchers is { Count: > 0 };

    protected override bool CanDeactivate => !Dirty && !HasWatchers;

    /// <summary>Applies an event; on a change, drops cached views and tells watchers.</summary>
    public ApplyResult Apply(DomainEvent e, DateTimeOffset now)
    {
        var result = Profile.Apply(e);
        if (result.HasChanges)
        {
            IdentifiersDirty |= (result.Changed & ProfileSections.Identifiers) != 0;
            Changed(result.Changed, e.Id.Value, now);
        }

        return result;
    }

    /// <summary>Marks the profile as needing a write (its wake-up time moved) and refreshes clock-derived views.</summary>
    public void ClockTicked(DateTimeOffset now)
    {
        Changed(ProfileSections.None, string.Empty, now);
    }

    /// <summary>Marks the profile durable up to now.</summary>
    public void Committed()
    {
        Dirty = false;
        IdentifiersDirty = false;
    }

    /// <summary>Projects the live profile in <paramref name="view"/> at <paramref name="now"/>.</summary>
    public Contracts.V1.CustomerProfile Project(ProfileView view, DateTimeOffset now) =>
        ProfileProjection.Project(Profile, ProfileInsights.Evaluate(Profile, now), view);

    protected override void OnDeactivated()
    {
        if (_watchers is null)
        {
            return;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Moved();
        }

        _watchers = null;
    }

    private void Changed(ProfileSections sections, string eventId, DateTimeOffset now)
    {
        Dirty = true;
        Array.Clear(_views);
        if (HasWatchers)
        {
            Notify(sections, eventId, now);
        }
    }
}
