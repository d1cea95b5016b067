namespace CustomerView.Domain.Profiles;

public sealed partial class CustomerProfile
{
    /// <summary>Bytes of the profile's fields asked for by <see cref="PrefetchStep.Fields"/>: all of them, with room.</summary>
    private const int FieldBytes = 256;

    /// <summary>
    /// Hints the processor to start loading what <see cref="Apply"/> of an interaction reads from this profile, one
    /// <paramref name="step"/> at a time. A loop applying events to many customers issues the steps for the events a
    /// few ahead of the one it applies, so their cache misses overlap with its work instead of each stalling it: over
    /// 100,000 profiles, nearly every event's profile is out of the processor's caches. Changes nothing.
    /// </summary>
    /// <param name="step">Which step; each reads the fields the one before asked for.</param>
    public void Prefetch(PrefetchStep step)
    {
        switch (step)
        {
            case PrefetchStep.Fields:
                MemoryHints.Prefetch(this, FieldBytes);
                break;
            case PrefetchStep.Parts:
                _recent.Prefetch();
                MemoryHints.Prefetch(_history, InteractionRing.FieldBytes);
                MemoryHints.Prefetch(_channels, 0);
                _daily.Prefetch();
                break;
            case PrefetchStep.Entries:
                _history.PrefetchNewest();
                break;
        }
    }
}
