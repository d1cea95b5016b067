namespace CustomerView.Actors;

/// <summary>Settings of an <see cref="ActorTable{TActor}"/>.</summary>
public sealed record ActorTableOptions
{
    /// <summary>An actor untouched this long is deactivated at the next sweep.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many actors stay active; past it, the least recently used idle ones are deactivated first.</summary>
    public int MaxActive { get; init; } = 100_000;

    /// <summary>How often the background sweep runs.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(10);
}
