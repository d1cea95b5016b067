namespace CustomerView.Domain.Profiles;

/// <summary>
/// The steps of <see cref="CustomerProfile.Prefetch"/>, in the order a caller issues them for one profile, some events
/// apart: each reads what the one before asked the processor to load.
/// </summary>
public enum PrefetchStep
{
    /// <summary>The profile's own fields.</summary>
    Fields,

    /// <summary>The arrays and objects its fields refer to: the recent-event window, the history, the counters.</summary>
    Parts,

    /// <summary>The history's newest entry and where the next one goes.</summary>
    Entries,
}
