using System.Runtime.CompilerServices;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using CustomerView.Domain.Insights;

namespace CustomerView.Engine;

/// <summary>
/// The view cache: per view, the <see cref="GetProfileResponse"/> as last evaluated, kept as its wire bytes
/// (<see cref="ProfileProjection.SerializeResponse"/>, which writes the packed history without rebuilding it), so that
/// repeated reads neither project nor serialize again.
/// <c>Changed</c> clears it; an entry also expires at the profile's next wake-up or after at most
/// <see cref="MaxViewAge"/>, so clock-derived figures stay fresh. One that only ages is evaluated again ahead of its
/// expiry, in a turn of its own that the first read in the last quarter of its life asks for (<see cref="RefreshView"/>),
/// so a customer being read never waits for a re-evaluation that nothing but time asked for.
/// </summary>
/// <remarks>
/// An entry keeps no message tree unless a reader of the message (a lookup's card) asks, which parses it from the
/// bytes: the bytes are all the gRPC path reads, and the tree (the projection's messages, ten times the bytes) would
/// otherwise survive into the older generations with every re-evaluation, a few megabytes per collection for a
/// thousand customers being read, all of it marked and copied while every call waits.
/// </remarks>
internal sealed partial class CustomerActor
{
    /// <summary>
    /// A cached view stays valid at most this long, so clock-derived figures stay fresh, and at least half as long.
    /// Each evaluation draws its age from that range: views evaluated together (a preload, a restart, a screen pop
    /// wave) would otherwise all expire together, and readers would re-render all of them at the same moment, which
    /// stalled every read behind them for about 100 ms per thousand customers.
    /// </summary>
    internal static readonly TimeSpan MaxViewAge = TimeSpan.FromSeconds(30);

    // In the actor itself rather than an array of its own: a read that misses ServedViews (its slot taken by another
    // customer's view) is a chain of cache misses (the table's entry, its key, the actor, the view, its bytes), and an
    // array would add one.
    private ViewSlots _views;

    /// <summary>The profile in <paramref name="view"/> as evaluated recently (within the cache's validity).</summary>
    public GetProfileResponse GetProfile(ProfileView view, DateTimeOffset now)
    {
        var cached = View(view, now);
        return cached.Response ??= GetProfileResponse.Parser.ParseFrom(cached.Serialized.Span);
    }

    /// <summary>
    /// The same response as <see cref="GetProfile"/>, serialized. The bytes are shared by every reader: they must never
    /// be written to.
    /// </summary>
    public ReadOnlyMemory<byte> GetSerializedProfile(ProfileView view, DateTimeOffset now) => View(view, now).Serialized;

    /// <summary>
    /// The same bytes as <see cref="GetSerializedProfile"/> when the view is evaluated and still valid, without
    /// evaluating it; otherwise <see langword="null"/>. Safe alongside a turn (<c>ActorTable.TryReadAlongside</c>): it
    /// reads one reference, published whole, to a cached view that never changes. One that races with the event that
    /// clears it is the view as it was just before that event.
    /// </summary>
    public ReadOnlyMemory<byte>? TryGetEvaluatedView(ProfileView view, DateTimeOffset now) => TryGetEvaluatedView(view, now, claimRefresh: false, out _);

    /// <summary>
    /// <see cref="TryGetEvaluatedView(ProfileView, DateTimeOffset)"/>, and whether this read claimed the view's refresh
    /// (<see cref="CachedView.TryClaimRefresh"/>): then the caller has <see cref="RefreshView"/> run in a turn, or nobody
    /// will.
    /// </summary>
    public ReadOnlyMemory<byte>? TryGetEvaluatedView(ProfileView view, DateTimeOffset now, out bool refresh) =>
        TryGetEvaluatedView(view, now, claimRefresh: true, out refresh);

    private ReadOnlyMemory<byte>? TryGetEvaluatedView(ProfileView view, DateTimeOffset now, bool claimRefresh, out bool refresh)
    {
        var ticks = now.UtcTicks;

        // Not a conditional expression: its byte[] null would convert to an empty memory, not to no memory.
        if (Volatile.Read(ref _views[(int)ProfileProjection.ResolveView(view)]) is { } cached && cached.IsValid(ticks))
        {
            refresh = claimRefresh && CachedView.TryClaimRefresh(cached.Buffer, ticks);
            return cached.Serialized;
        }

        refresh = false;
        return null;
    }

    /// <summary>
    /// Evaluates <paramref name="view"/> again, under a turn, if its evaluation is gone, expired or due for refresh
    /// (<see cref="CachedView.IsDueForRefresh"/>): asked for by a read of a view that aged, so that the reads after it
    /// find the new one ready instead of waiting for it.
    /// </summary>
    public void RefreshView(ProfileView view, DateTimeOffset now)
    {
        var resolved = ProfileProjection.ResolveView(view);
        var cached = _views[(int)resolved];
        var ticks = now.UtcTicks;
        if (cached is not null && cached.IsValid(ticks) && !cached.IsDueForRefresh(ticks))
        {
            return;
        }

        Evaluate(resolved, now);
    }

    private CachedView View(ProfileView view, DateTimeOffset now)
    {
        var resolved = ProfileProjection.ResolveView(view);
        var cached = _views[(int)resolved];
        if (cached is not null && cached.IsValid(now.UtcTicks))
        {
            return cached;
        }

        return Evaluate(resolved, now);
    }

    private CachedView Evaluate(ProfileView resolved, DateTimeOffset now)
    {
        // The new view takes the old one's slot in ServedViews (the same customer and view): no withdrawal first.
        var buffer = ProfileProjection.SerializeResponse(Profile, ProfileInsights.Evaluate(Profile, now), resolved, CachedView.HeaderSize);
        var age = MaxViewAge - TimeSpan.FromTicks(Random.Shared.NextInt64(MaxViewAge.Ticks / 2));
        var wake = Profile.NextWakeUp(now);
        var expiresAtWakeUp = wake.HasValue && wake.Value - now < age;
        var validUntil = expiresAtWakeUp ? wake!.Value : now + age;
        var cached = new CachedView(this, resolved, _served?.SlotOf(Key, resolved) ?? 0, buffer, now.UtcTicks, validUntil.UtcTicks, refreshable: !expiresAtWakeUp);
        Volatile.Write(ref _views[(int)resolved], cached);
        _served?.Publish(cached);
        return cached;
    }

    /// <summary>Drops every cached view, and stops <see cref="ServedViews"/> serving them.</summary>
    private void ClearViews()
    {
        if (_served is not null)
        {
            foreach (var cached in _views)
            {
                if (cached is not null)
                {
                    _served.Withdraw(cached);
                }
            }
        }

        _views = default;
    }

    /// <summary>The cached view of each <see cref="ProfileView"/>, as resolved.</summary>
    [InlineArray(4)]
    private struct ViewSlots
    {
        private CachedView? _first;
    }
}
