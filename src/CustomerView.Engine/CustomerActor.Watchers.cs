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

    private static List<ProfileSection> ToSections(ProfileSections sections)
    {
        var list = new List<ProfileSection>(4);
        if (sections.HasFlag(ProfileSections.Attributes))
        {
            list.Add(ProfileSection.Attributes);
        }

        if (sections.HasFlag(ProfileSections.Identifiers))
        {
            list.Add(ProfileSection.Identifiers);
        }

        if (sections.HasFlag(ProfileSections.Interactions))
        {
            list.Add(ProfileSection.Interactions);
        }

        if (sections.HasFlag(ProfileSections.Tasks))
        {
            list.Add(ProfileSection.Tasks);
        }

        if (sections.HasFlag(ProfileSections.Complaints))
        {
            list.Add(ProfileSection.Complaints);
        }

        if (sections.HasFlag(ProfileSections.Appointments))
        {
            list.Add(ProfileSection.Appointments);
        }

        if (sections.HasFlag(ProfileSections.Feedback))
        {
            list.Add(ProfileSection.Feedback);
        }

        if (sections.HasFlag(ProfileSections.Rejections))
        {
            list.Add(ProfileSection.Rejections);
        }

        list.Add(ProfileSection.Alerts);
        return list;
    }
}
