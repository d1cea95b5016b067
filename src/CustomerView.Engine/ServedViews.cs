using System.Numerics;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>
/// The node's index of the views its actors hold evaluated, for GetProfile's cached read on the connection's loop.
/// Through the actor table that read is a chain of cache misses once many customers are read (the dictionary's bucket
/// and node, the key, the slot, the actor, its view); here it is one slot of an array and the view, whose bytes the
/// answer copies anyway. Direct-mapped by customer and view: a view whose slot another took is simply not here, and
/// its read goes through the actor table.
/// </summary>
/// <remarks>
/// Actors publish and withdraw their views under their turns (a new evaluation, a change, a deactivation); readers only
/// read. A read racing with the event that withdraws a view gets the view as it was just before that event, as a read
/// alongside the actor's turn does.
/// </remarks>
internal sealed class ServedViews
{
    private readonly CachedView?[] _slots;
    private readonly int _mask;

    /// <summary>An index of <paramref name="capacity"/> slots, rounded up to a power of two (1 to 2^22).</summary>
    public ServedViews(int capacity)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity, 1, 1 << 22));
        _slots = new CachedView?[size];
        _mask = size - 1;
    }

    /// <summary>The slot of <paramref name="customerId"/>'s <paramref name="view"/> (as resolved).</summary>
    public int SlotOf(string customerId, ProfileView view) =>
        HashCode.Combine(customerId.GetHashCode(StringComparison.Ordinal), (int)view) & _mask;

    /// <summary>Serves <paramref name="view"/> from now on, in place of whatever held its slot; under the owner's turn.</summary>
    public void Publish(CachedView view) => Volatile.Write(ref _slots[view.Slot], view);

    /// <summary>Stops serving <paramref name="view"/> if its slot still holds it; under the owner's turn.</summary>
    public void Withdraw(CachedView view) => Interlocked.CompareExchange(ref _slots[view.Slot], null, view);

    /// <summary>
    /// <paramref name="customerId"/>'s <paramref name="view"/> (as resolved) if it is here and valid at
    /// <paramref name="nowTicks"/> (UTC); otherwise <see langword="null"/>, and the caller asks the actor.
    /// </summary>
    public CachedView? TryGet(string customerId, ProfileView view, long nowTicks) =>
        Volatile.Read(ref _slots[SlotOf(customerId, view)]) is { } cached && cached.View == view && cached.IsValid(nowTicks) && cached.IsFor(customerId)
            ? cached
            : null;
}
