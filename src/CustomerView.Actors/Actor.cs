namespace CustomerView.Actors;

/// <summary>
/// Base of an actor hosted by an <see cref="ActorTable{TActor}"/>. Messages run one at a time through
/// <c>ActorTable.RunAsync</c>; the table deactivates idle actors and keeps the number of active
/// ones under a cap, never deactivating one that <see cref="CanDeactivate"/> says must stay.
/// </summary>
public abstract class Actor
{
    private long _lastTouched;
    private bool _deactivated;

    /// <summary>Creates an actor for <paramref name="key"/>.</summary>
    protected Actor(string key) => Key = key;

    /// <summary>The actor's identity.</summary>
    public string Key { get; }

    /// <summary>
    /// Whether the actor may be deactivated now; <see langword="false"/> while it holds state not yet durable.
    /// Called under the actor's turn.
    /// </summary>
    protected internal virtual bool CanDeactivate => true;

    /// <summary>The lock that gives the actor one turn at a time.</summary>
    internal object Turn { get; } = new();

    /// <summary>
    /// Set once the actor is deactivated, under its last turn; a deactivated actor takes no more turns. Volatile: reads
    /// alongside the turns (<c>ActorTable.TryReadAlongside</c>) check it without the lock.
    /// </summary>
    internal bool Deactivated
    {
        get => Volatile.Read(ref _deactivated);
        set => Volatile.Write(ref _deactivated, value);
    }

    internal long LastTouched => Volatile.Read(ref _lastTouched);

    internal void Touch(long now) => Volatile.Write(ref _lastTouched, now);

    /// <summary>Called under the actor's last turn when it is deactivated.</summary>
    protected internal virtual void OnDeactivated()
    {
    }
}
