namespace CustomerView.Domain.Profiles;

/// <summary>When a value was written: occurrence time, then event id to break ties deterministically.</summary>
internal readonly record struct Stamp(long Ticks, string EventId)
{
    public static Stamp Never { get; } = new(long.MinValue, string.Empty);

    public bool IsNewerThan(Stamp other) =>
        Ticks != other.Ticks ? Ticks > other.Ticks : string.CompareOrdinal(EventId, other.EventId) > 0;
}

/// <summary>A last-writer-wins register.</summary>
internal struct Register<T>
{
    public T? Value;
    public Stamp Stamp;

    public Register()
    {
        Value = default;
        Stamp = Stamp.Never;
    }

    /// <summary>Takes <paramref name="value"/> when <paramref name="stamp"/> is newer; returns whether the visible value changed.</summary>
    public bool Offer(T value, Stamp stamp)
    {
        if (!stamp.IsNewerThan(Stamp))
        {
            return false;
        }

        var changed = !EqualityComparer<T>.Default.Equals(Value, value);
        Value = value;
        Stamp = stamp;
        return changed;
    }
}
