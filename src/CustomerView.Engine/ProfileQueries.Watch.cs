using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>How a watch request was answered.</summary>
public enum WatchStart
{
    /// <summary>Watching; the first update is the current profile.</summary>
    Started = 0,
    /// <summary>The customer is unknown.</summary>
    NotFound = 1,
    /// <summary>Another node owns the customer; watch there.</summary>
    NotOwned = 2,
}

public sealed partial class ProfileQueries
{
    /// <summary>Starts watching a customer this node owns; dispose the result (or call <see cref="Unwatch"/>) when the stream ends.</summary>
    public async ValueTask<(WatchStart Start, ProfileWatcher? Watcher)> WatchAsync(string customerId, ProfileView view, CancellationToken cancellationToken)
    {
        var actors = _engine.Actors;
        var watcher = new ProfileWatcher(ProfileProjection.ResolveView(view), _engine.Options.WatchBufferSize);
        if (!actors.TryGetActive(customerId, out var actor))
        {
            await LeaveCallerThread();
            var stored = await _engine.Store.LoadAsync(customerId, cancellationToken).ConfigureAwait(false);
            await default(PoolResume);
            if (stored is null)
            {
                return (WatchStart.NotFound, null);
            }

            if (!_engine.Owns(stored.Partition))
            {
                return (WatchStart.NotOwned, null);
            }

            actor = await actors.GetOrActivateAsync(customerId, stored.Partition, cancellationToken).ConfigureAwait(false);
            await default(PoolResume);
        }

        var now = _engine.Time.GetUtcNow();
        while (!actors.TryRun(actor, (watcher, now), static (a, s) => Add(a, s.watcher, s.now), out _))
        {
            // Deactivated meanwhile (idle, over the cap, or its partition moved away): activating it again reads storage.
            if (!_engine.Owns(actor.Partition))
            {
                return (WatchStart.NotOwned, null);
            }

            await LeaveCallerThread();
            actor = await actors.GetOrActivateAsync(customerId, actor.Partition, cancellationToken).ConfigureAwait(false);
            await default(PoolResume);
        }

        return (WatchStart.Started, watcher);
    }

    /// <summary>Stops delivering updates to <paramref name="watcher"/>.</summary>
    public void Unwatch(string customerId, ProfileWatcher watcher)
    {
        if (_engine.Actors.TryGetActive(customerId, out var actor))
        {
            _engine.Actors.TryRun(actor, watcher, static (a, w) =>
            {
                a.RemoveWatcher(w);
                return 0;
            }, out _);
        }
    }

    private static int Add(CustomerActor actor, ProfileWatcher watcher, DateTimeOffset now)
    {
        actor.AddWatcher(watcher, now);
        return 0;
    }
}
