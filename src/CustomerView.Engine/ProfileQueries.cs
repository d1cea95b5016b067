using System.Runtime.CompilerServices;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using CustomerView.Domain.Insights;
using Google.Protobuf;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;
using IdentifierKind = CustomerView.Domain.IdentifierKind;
using TaskStatus = CustomerView.Contracts.V1.TaskStatus;

namespace CustomerView.Engine;

/// <summary>
/// Reads of customer profiles. A customer this node owns is read from its actor in memory (activated from storage
/// if idle), served from the actor's cached view; a customer another node owns is read from storage and marked
/// possibly stale.
/// </summary>
public sealed partial class ProfileQueries
{
    private readonly IngestionEngine _engine;

    internal ProfileQueries(IngestionEngine engine) => _engine = engine;

    /// <summary>The profile in <paramref name="view"/>, or <see langword="null"/> when the customer is unknown.</summary>
    public async ValueTask<GetProfileResponse?> GetProfileAsync(string customerId, ProfileView view, CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        var read = await ReadAsync(customerId, (view, now), static (a, s) => a.GetProfile(s.view, s.now), cancellationToken).ConfigureAwait(false);
        if (read.Found && read.Fresh is { } fresh)
        {
            return fresh;
        }

        if (read.Stored is not { } stored)
        {
            return null;
        }

        return Stale(stored, view, now);
    }

    /// <summary>
    /// The profile in <paramref name="view"/> as the wire bytes of a <see cref="GetProfileResponse"/>, when the
    /// customer's actor is active here and holds that view evaluated (serialized once per view and change, and again
    /// as its clock-derived figures age): without waiting, rendering or serializing. The bytes are shared by every
    /// reader and must never be written to.
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when the actor is not active or its view must be evaluated again; then call
    /// <see cref="GetSerializedProfileAsync"/>, which does that off the caller's thread.
    /// </returns>
    public bool TryGetSerializedProfile(string customerId, ProfileView view, out ReadOnlyMemory<byte> response)
    {
        var now = _engine.Time.GetUtcNow();
        var actors = _engine.Actors;
        if (_engine.ServedViews.TryGet(customerId, ProfileProjection.ResolveView(view), now.UtcTicks, out response, out var touch, out var refresh))
        {
            if (touch is not null)
            {
                actors.Touch(touch);
            }

            if (refresh && actors.TryGetActive(customerId, out var owner))
            {
                QueueRefresh(owner, view);
            }

            return true;
        }

        if (actors.TryGetActive(customerId, out var active)
            && actors.TryReadAlongside(active, (view, now), static (a, s) => (View: a.TryGetEvaluatedView(s.Item1, s.Item2, out var refresh), Refresh: refresh), out var evaluated)
            && evaluated.View is { } bytes)
        {
            if (evaluated.Refresh)
            {
                QueueRefresh(active, view);
            }

            response = bytes;
            return true;
        }

        response = default;
        return false;
    }

    /// <summary>
    /// Has <paramref name="actor"/> evaluate <paramref name="view"/> again on the thread pool, in a turn, ahead of its
    /// expiry: the read that asked was served the current one, and the reads after it find the new one.
    /// </summary>
    private void QueueRefresh(CustomerActor actor, ProfileView view) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Queries.Refresh(s.Actor, s.View), (Queries: this, Actor: actor, View: view), preferLocal: false);

    private void Refresh(CustomerActor actor, ProfileView view)
    {
        try
        {
            // The clock is read in the turn, which may have waited for the ingestion loop's.
            _engine.Actors.TryRun(actor, (View: view, _engine.Time), static (a, s) =>
            {
                a.RefreshView(s.View, s.Time.GetUtcNow());
                return true;
            }, out _);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A view that cannot be evaluated fails the read that next needs it, with the reason; here nobody waits.
            _engine.ViewRefreshFailed(actor.Key, ex);
        }
    }

    /// <summary>
    /// The profile in <paramref name="view"/> as the wire bytes of a <see cref="GetProfileResponse"/> (activating the
    /// customer's actor if this node owns it; see <see cref="GetProfileAsync"/>), or <see langword="null"/> when the
    /// customer is unknown. The bytes may be shared with other readers and must never be written to.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> GetSerializedProfileAsync(string customerId, ProfileView view, CancellationToken cancellationToken)
    {
        // Whatever brings a caller here takes a while: a view to evaluate (its profile changed, or its clock-derived
        // figures aged; a hundred microseconds for a standard view with a few tasks, milliseconds when the machine is
        // busy) or a storage read. On the caller's thread, a gRPC call's HTTP/2 connection loop, it would hold up every
        // call read after it, the cached ones too.
        await LeaveCallerThread();
        cancellationToken.ThrowIfCancellationRequested();

        // ReadAsync asks an active actor first, so the cached view is used here too.
        var now = _engine.Time.GetUtcNow();
        var read = await ReadAsync(customerId, (view, now), static (a, s) => a.GetSerializedProfile(s.view, s.now), cancellationToken, callerLeft: true).ConfigureAwait(false);
        if (!read.Found)
        {
            return null;
        }

        // A stored profile comes back only for a customer another node owns; otherwise the actor answered.
        return read.Stored is { } stored ? Stale(stored, view, now).ToByteArray() : read.Fresh;
    }

    /// <summary>Customers holding an identifier, with their cards when asked (one round trip for a screen pop).</summary>
    public async ValueTask<LookupCustomersResponse> LookupAsync(IdentifierKind kind, string key, string normalizedDisplay, bool includeCard, int max, CancellationToken cancellationToken)
    {
        await LeaveCallerThread();
        var matches = await _engine.Store.LookupAsync(kind, key, max, cancellationToken).ConfigureAwait(false);
        await default(PoolResume);
        var response = new LookupCustomersResponse { NormalizedValue = normalizedDisplay };
        foreach (var match in matches)
        {
            var candidate = new Candidate { CustomerId = match.CustomerId, SharedIdentifier = match.Shared };
            if (includeCard && await GetProfileAsync(match.CustomerId, ProfileView.Card, cancellationToken).ConfigureAwait(false) is { } card)
            {
                candidate.Card = card.Profile;
                candidate.PossiblyStale = card.PossiblyStale;
            }

            response.Candidates.Add(candidate);
        }

        return response;
    }

    /// <summary>One page of interaction history, newest first; <see langword="null"/> when the customer is unknown.</summary>
    public async ValueTask<ListInteractionsResponse?> ListInteractionsAsync(InteractionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var read = await ReadAsync(query.CustomerId, query, static (a, q) => Page(a.Profile, q), cancellationToken).ConfigureAwait(false);
        if (read.Found && read.Fresh is { } fresh)
        {
            return fresh;
        }

        if (read.Stored is not { } stored)
        {
            return null;
        }

        var page = Page(stored, query);
        page.PossiblyStale = true;
        return page;
    }

    /// <summary>Tasks filtered by status; <see langword="null"/> when the customer is unknown.</summary>
    public async ValueTask<ListTasksResponse?> ListTasksAsync(string customerId, IReadOnlySet<TaskStatus> statuses, bool includeClosed, CancellationToken cancellationToken)
    {
        var filter = (statuses, includeClosed);
        var read = await ReadAsync(customerId, filter, static (a, f) => Tasks(a.Profile, f.statuses, f.includeClosed), cancellationToken).ConfigureAwait(false);
        if (read.Found && read.Fresh is { } fresh)
        {
            return fresh;
        }

        if (read.Stored is not { } stored)
        {
            return null;
        }

        var tasks = Tasks(stored, statuses, includeClosed);
        tasks.PossiblyStale = true;
        return tasks;
    }

    private async ValueTask<Read<T>> ReadAsync<TState, T>(
        string customerId, TState state, Func<CustomerActor, TState, T> fromActor, CancellationToken cancellationToken, bool callerLeft = false)
    {
        var actors = _engine.Actors;
        if (actors.TryGetActive(customerId, out var active) && actors.TryRun(active, state, fromActor, out var result))
        {
            return new(true, result, null);
        }

        if (!callerLeft)
        {
            await LeaveCallerThread();
        }

        var stored = await _engine.Store.LoadAsync(customerId, cancellationToken).ConfigureAwait(false);
        await default(PoolResume);
        if (stored is null)
        {
            return default;
        }

        if (_engine.Owns(stored.Partition))
        {
            var fresh = await actors.RunAsync(customerId, stored.Partition, state, fromActor, cancellationToken).ConfigureAwait(false);
            await default(PoolResume);
            return new(true, fresh, null);
        }

        return new(true, default, _engine.RestoreProfile(stored));
    }

    /// <summary>
    /// Continues on the thread pool. A read that misses the active actors goes to storage, and SQLite's reads are
    /// synchronous: on the caller's thread, which for a gRPC call is its HTTP/2 connection's loop (with inline socket
    /// scheduling, the socket engine's thread), it would hold up every call read after it. Each storage round trip is
    /// followed by <see cref="PoolResume"/>, since a socket's completion (PostgreSQL's) may bring the query back there.
    /// </summary>
    internal static YieldAwaitable LeaveCallerThread() => System.Threading.Tasks.Task.Yield();

    private static GetProfileResponse Stale(DomainProfile stored, ProfileView view, DateTimeOffset now) => new()
    {
        Profile = ProfileProjection.Project(stored, ProfileInsights.Evaluate(stored, now), view),
        View = ProfileProjection.ResolveView(view),
        PossiblyStale = true,
    };

    private static ListTasksResponse Tasks(DomainProfile profile, IReadOnlySet<TaskStatus> statuses, bool includeClosed)
    {
        var response = new ListTasksResponse();
        foreach (var task in profile.Tasks)
        {
            var status = (TaskStatus)task.Status;
            var wanted = statuses.Count > 0 ? statuses.Contains(status) : includeClosed || task.IsOpen;
            if (wanted)
            {
                response.Tasks.Add(ProfileProjection.ToTask(task));
            }
        }

        return response;
    }

    private readonly record struct Read<T>(bool Found, T? Fresh, DomainProfile? Stored);
}
