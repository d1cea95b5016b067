using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CustomerView.Actors;

/// <summary>
/// The active actors of one kind, keyed by identity. An actor is activated on first use (one activation per key even
/// under concurrent calls), takes one message at a time, and is deactivated when idle or when the table is over its
/// cap (least recently used first), unless it says it must stay.
/// </summary>
/// <typeparam name="TActor">The actor type.</typeparam>
public sealed class ActorTable<TActor> : IAsyncDisposable
    where TActor : Actor
{
    private static readonly Meter Meter = new("CustomerView.Actors");
    private static readonly Counter<long> Activations = Meter.CreateCounter<long>("customerview.actors.activations");
    private static readonly Counter<long> Deactivations = Meter.CreateCounter<long>("customerview.actors.deactivations");

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Slot>.AlternateLookup<ReadOnlySpan<char>> _slotsBySpan;
    private readonly Func<string, object?, CancellationToken, ValueTask<TActor>> _activate;
    private readonly ActorTableOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sweepSignal = new(0, 1);
    private readonly Lock _sweepLock = new();
    private readonly Task _sweeper;
    private int _active;

    /// <summary>Creates a table that activates actors with <paramref name="activate"/>.</summary>
    /// <param name="activate">
    /// Loads or creates the actor for a key, given the activation context the first caller passed; may run
    /// concurrently for different keys.
    /// </param>
    /// <param name="options">Bounds and timings.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public ActorTable(Func<string, object?, CancellationToken, ValueTask<TActor>> activate, ActorTableOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(activate);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxActive < 1 || options.IdleTimeout <= TimeSpan.Zero || options.SweepInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxActive, IdleTimeout and SweepInterval must be positive.", nameof(options));
        }

        _slotsBySpan = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _activate = activate;
        _options = options;
        _time = time ?? TimeProvider.System;
        _sweeper = Task.Run(SweepLoopAsync);
    }

    /// <summary>Actors active now.</summary>
    public int ActiveCount => Volatile.Read(ref _active);

    /// <summary>The active actor for <paramref name="key"/>, without activating one.</summary>
    public bool TryGetActive(string key, out TActor actor)
    {
        if (_slots.TryGetValue(key, out var slot) && slot.Actor is { } active)
        {
            actor = active;
            return true;
        }

        actor = null!;
        return false;
    }

    /// <summary>The active actor for <paramref name="key"/>, without activating one or making a string of the key.</summary>
    public bool TryGetActive(ReadOnlySpan<char> key, out TActor actor)
    {
        if (_slotsBySpan.TryGetValue(key, out var slot) && slot.Actor is { } active)
        {
            actor = active;
            return true;
        }

        actor = null!;
        return false;
    }

    /// <summary>Runs <paramref name="message"/> on the actor for <paramref name="key"/>, activating it if needed.</summary>
    /// <remarks>The message runs alone on the actor: no other message for the same key runs at the same time.</remarks>
    public ValueTask<TResult> RunAsync<TState, TResult>(string key, TState state, Func<TActor, TState, TResult> message, CancellationToken cancellationToken) =>
        RunAsync(key, null, state, message, cancellationToken);

    /// <summary>
    /// Runs <paramref name="message"/> on the actor for <paramref name="key"/>, activating it with
    /// <paramref name="activationContext"/> if needed.
    /// </summary>
    public async ValueTask<TResult> RunAsync<TState, TResult>(
        string key, object? activationContext, TState state, Func<TActor, TState, TResult> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            var actor = TryGetActive(key, out var active) ? active : await ActivateAsync(key, activationContext, cancellationToken).ConfigureAwait(false);
            if (TryRun(actor, state, message, out var result))
            {
                return result;
            }
        }
    }

    /// <summary>Runs <paramref name="message"/> on <paramref name="actor"/> if it is still active.</summary>
    /// <returns><see langword="false"/> when the actor was deactivated meanwhile (activate it again and retry).</returns>
    public bool TryRun<TState, TResult>(TActor actor, TState state, Func<TActor, TState, TResult> message, out TResult result) =>
        TryRun(actor, _time.GetTimestamp(), state, message, out result);

    /// <summary>
    /// Runs <paramref name="message"/> on <paramref name="actor"/> if it is still active, recording it as used at
    /// <paramref name="touchedAt"/> (a <see cref="TimeProvider.GetTimestamp"/> of the table's clock). For a caller that
    /// runs many messages in a row: one clock read for all of them, which on some virtual machines costs more than a
    /// short message.
    /// </summary>
    /// <returns><see langword="false"/> when the actor was deactivated meanwhile (activate it again and retry).</returns>
    public bool TryRun<TState, TResult>(TActor actor, long touchedAt, TState state, Func<TActor, TState, TResult> message, out TResult result)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(message);
        lock (actor.Turn)
        {
            if (actor.Deactivated)
            {
                result = default!;
                return false;
            }

            actor.Touch(touchedAt);
            result = message(actor, state);
            return true;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on <paramref name="actor"/> if it is still active, without taking its turn, recording
    /// it as used. For a read of state the actor publishes for readers alongside its turns (immutable values behind
    /// references it writes atomically), which may run while a message runs: a cached answer served from a connection's
    /// loop, which would otherwise pay the turn's lock, a cold cache line written twice, on every call.
    /// </summary>
    /// <returns><see langword="false"/> when the actor was deactivated (activate it again, or take a turn, and retry).</returns>
    public bool TryReadAlongside<TState, TResult>(TActor actor, TState state, Func<TActor, TState, TResult> read, out TResult result)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(read);
        if (actor.Deactivated)
        {
            result = default!;
            return false;
        }

        actor.Touch(_time.GetTimestamp());
        result = read(actor, state);
        return true;
    }

    /// <summary>
    /// Records <paramref name="actor"/> as used now, for a caller that read what it publishes without going through the
    /// table (an index of its own), so the idle sweep does not take an actor that is being read.
    /// </summary>
    public void Touch(TActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Touch(_time.GetTimestamp());
    }

    /// <summary>
    /// Deactivates every active actor <paramref name="select"/> picks, whether or not it could otherwise stay
    /// (used when ownership of its customers moves away).
    /// </summary>
    /// <returns>How many were deactivated.</returns>
    public int DeactivateWhere(Func<TActor, bool> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var count = 0;
        foreach (var (key, slot) in _slots)
        {
            if (slot.Actor is { } actor && select(actor) && TryDeactivate(key, slot, actor, force: true))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Deactivates idle actors and trims the table to its cap; runs periodically on its own.</summary>
    /// <returns>How many were deactivated.</returns>
    public int Sweep()
    {
        lock (_sweepLock)
        {
            return SweepCore();
        }
    }

    private int SweepCore()
    {
        var now = _time.GetTimestamp();
        var idleTicks = (long)(_options.IdleTimeout.TotalSeconds * _time.TimestampFrequency);
        var deactivated = 0;

        // Candidates for trimming to the cap are gathered only when the table is over it: a sweep of a table within
        // its cap allocates nothing (it runs every few seconds over every active actor).
        List<(long Touched, string Key, Slot Slot, TActor Actor)>? candidates = ActiveCount > _options.MaxActive ? [] : null;
        foreach (var (key, slot) in _slots)
        {
            if (slot.Actor is not { } actor)
            {
                continue;
            }

            if (now - actor.LastTouched >= idleTicks)
            {
                if (TryDeactivate(key, slot, actor, force: false))
                {
                    deactivated++;
                }
            }
            else
            {
                candidates?.Add((actor.LastTouched, key, slot, actor));
            }
        }

        var excess = ActiveCount - _options.MaxActive;
        if (excess > 0 && candidates is not null)
        {
            candidates.Sort(static (a, b) => a.Touched.CompareTo(b.Touched));
            for (var i = 0; i < candidates.Count && excess > 0; i++)
            {
                var (_, key, slot, actor) = candidates[i];
                if (TryDeactivate(key, slot, actor, force: false))
                {
                    deactivated++;
                    excess--;
                }
            }
        }

        return deactivated;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sweeper.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _sweepSignal.Dispose();
    }

    /// <summary>The active actor for <paramref name="key"/>, activated with <paramref name="activationContext"/> if needed.</summary>
    public ValueTask<TActor> GetOrActivateAsync(string key, object? activationContext, CancellationToken cancellationToken) =>
        TryGetActive(key, out var active) ? ValueTask.FromResult(active) : ActivateAsync(key, activationContext, cancellationToken);

    private async ValueTask<TActor> ActivateAsync(string key, object? activationContext, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_slots.TryGetValue(key, out var existing))
            {
                return await existing.Activation.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var slot = new Slot();
            if (!_slots.TryAdd(key, slot))
            {
                continue;
            }

            try
            {
                var actor = await _activate(key, activationContext, cancellationToken).ConfigureAwait(false);
                actor.Touch(_time.GetTimestamp());
                slot.Actor = actor;
                Interlocked.Increment(ref _active);
                Activations.Add(1);
                slot.Completion.SetResult(actor);
                if (ActiveCount > _options.MaxActive)
                {
                    SignalSweep();
                }

                return actor;
            }
            catch (Exception ex)
            {
                _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
                slot.Completion.SetException(ex);
                throw;
            }
        }
    }

    private bool TryDeactivate(string key, Slot slot, TActor actor, bool force)
    {
        lock (actor.Turn)
        {
            if (actor.Deactivated || (!force && !actor.CanDeactivate))
            {
                return false;
            }

            actor.Deactivated = true;
            actor.OnDeactivated();
        }

        _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
        Interlocked.Decrement(ref _active);
        Deactivations.Add(1);
        return true;
    }

    private void SignalSweep()
    {
        try
        {
            if (_sweepSignal.CurrentCount == 0)
            {
                _sweepSignal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task SweepLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _sweepSignal.WaitAsync(_options.SweepInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Sweep();
        }
    }

    private sealed class Slot
    {
        public TaskCompletionSource<TActor> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TActor> Activation => Completion.Task;

        public volatile TActor? Actor;
    }
}
