using CustomerView.Contracts.V1;
using CustomerView.Domain.Profiles;

namespace CustomerView.Engine;

internal sealed partial class CustomerActor
{
    /// <summary>Adds a watcher and gives it the current profile as its first update.</summary>
    public void AddWatcher(ProfileWatcher watcher, DateTimeOffset now)
    {
        (_watchers ??= []).Add(watcher);
        watcher.Offer(new ProfileUpdate { Profile = Project(watcher.View, now) });
    }

    /// <summary>Removes a watcher (its stream ended).</summary>
    public void RemoveWatcher(ProfileWatcher watcher) => _watchers?.Remove(watcher);

    private void Notify(ProfileSections sections, string eventId, DateTimeOffset now)
    {
        var changed = ToSections(sections);
        Span<bool> built = stackalloc bool[4];
        var updates = new ProfileUpdate?[4];
        for (var i = _watchers!.Count - 1; i >= 0; i--)
        {
            var watcher = _watchers[i];
            var slot = (int)watcher.View;
            if (!built[slot])
            {
                var update = new ProfileUpdate { Profile = Project(watcher.View, now), EventId = eventId };
                update.Changed.Add(changed);
                updates[slot] = update;
                built[slot] = true;
            }

            if (!watcher.Offer(updates[slot]!))
            {
                _watchers.RemoveAt(i);
            }
        }
    }

    private static readonly (ProfileSections Flag, ProfileSection Section)[] SectionMap =
    [
        (ProfileSections.Attributes, ProfileSection.Attributes),
        (ProfileSections.Identifiers, ProfileSection.Identifiers),
        (ProfileSections.Interactions, ProfileSection.Interactions),
        (ProfileSections.Tasks, ProfileSection.Tasks),
        (ProfileSections.Complaints, ProfileSection.Complaints),
        (ProfileSections.Appointments, ProfileSection.Appointments),
        (ProfileSections.Feedback, ProfileSection.Feedback),
        (ProfileSections.Rejections, ProfileSection.Rejections),
    ];

    /// <summary>The contract's sections for the domain's changed flags; alerts are re-evaluated on every change.</summary>
    private static List<ProfileSection> ToSections(ProfileSections sections)
    {
        var list = new List<ProfileSection>(4);
        foreach (var (flag, section) in SectionMap)
        {
            if ((sections & flag) != 0)
            {
                list.Add(section);
            }
        }

        list.Add(ProfileSection.Alerts);
        return list;
    }
}
