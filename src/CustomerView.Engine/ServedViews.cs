using System.Numerics;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>
/// The node's index of the views its actors hold evaluated, for GetProfile's cached read on the connection's loop.
/// Through the actor table that read is a chain of cache misses once many customers are read (the dictionary's bucket
/// and node, the key, the slot, the actor, its view); here it is one slot of an array and the first line of the view's
/// buffer, which the answer's copy reads anyway (<see cref="CachedView.Serves"/>). Direct-mapped by customer and view:
/// a view whose slot another took is simply not here, and its read goes through the actor table.
/// </summary>
/// <remarks>
/// Actors publish and withdraw their views under their turns (a new evaluation, a change, a deactivation); readers only
/// read. A read racing with the event that withdraws a view gets the view as it was just before that event, as a read
/// alongside the actor's turn does. A slot's owner is only a hint for recording use: two publishers racing for one slot
/// can leave one's buffer with the other's owner until the view is evaluated again (within
/// <see cref="CustomerActor.MaxViewAge"/>, under a turn, which records use itself), and a read then records the wrong
/// actor as used, no more.
/// </remarks>
internal sealed class ServedViews
{
    private readonly Entry[] _slots;
    private readonly int _mask;

    /// <summary>An index of <paramref name="capacity"/> slots, rounded up to a power of two (1 to 2^22).</summary>
    public ServedViews(int capacity)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity, 1, 1 << 22));
        _slots = new Entry[size];
        _mask = size - 1;
    }

    /// <summary>The slot of <paramref name="customerId"/>'s <paramref name="view"/> (as resolved).</summary>
    public int SlotOf(string customerId, ProfileView view) =>
        HashCode.Combine(customerId.GetHashCode(StringComparison.Ordinal), (int)view) & _mask;

    /// <summary>Serves <paramref name="view"/> from now on, in place of whatever held its slot; under the owner's turn.</summary>
    public void Publish(CachedView view)
    {
        ref var entry = ref _slots[view.Slot];
        entry.Owner = view.Owner;
        Volatile.Write(ref entry.Buffer, view.Buffer);
    }

    /// <summary>
    /// Stops serving <paramref name="view"/> if its slot still holds it, and lets go of its owner (a deactivated actor
    /// must not stay reachable from here); under the owner's turn.
    /// </summary>
    public void Withdraw(CachedView view)
    {
        ref var entry = ref _slots[view.Slot];
        if (Interlocked.CompareExchange(ref entry.Buffer, null, view.Buffer) == view.Buffer)
        {
            // A publisher racing for the slot wrote its owner before its buffer, so this fails if it got there first.
            Interlocked.CompareExchange(ref entry.Owner, null, view.Owner);
        }
    }

    /// <summary>
    /// <paramref name="customerId"/>'s <paramref name="view"/> (as resolved) if it is here and valid at
    /// <paramref name="nowTicks"/> (UTC); otherwise <see langword="false"/>, and the caller asks the actor. When the read
    /// should record the view's owner as used, <paramref name="touch"/> is that actor.
    /// </summary>
    public bool TryGet(string customerId, ProfileView view, long nowTicks, out ReadOnlyMemory<byte> response, out CustomerActor? touch) =>
        TryGet(customerId, view, nowTicks, claimRefresh: false, out response, out touch, out _);

    /// <summary>
    /// <see cref="TryGet(string, ProfileView, long, out ReadOnlyMemory{byte}, out CustomerActor?)"/>, and whether this read
    /// claimed the view's refresh (<see cref="CachedView.TryClaimRefresh"/>): then the caller has the customer's actor
    /// evaluate it again off the read's path (<see cref="CustomerActor.RefreshView"/>), or nobody will.
    /// </summary>
    public bool TryGet(string customerId, ProfileView view, long nowTicks, out ReadOnlyMemory<byte> response, out CustomerActor? touch, out bool refresh) =>
        TryGet(customerId, view, nowTicks, claimRefresh: true, out response, out touch, out refresh);

    private bool TryGet(string customerId, ProfileView view, long nowTicks, bool claimRefresh, out ReadOnlyMemory<byte> response, out CustomerActor? touch, out bool refresh)
    {
        ref var entry = ref _slots[SlotOf(customerId, view)];
        if (Volatile.Read(ref entry.Buffer) is { } buffer && CachedView.Serves(buffer, customerId, view, nowTicks))
        {
            touch = CachedView.ShouldTouch(buffer, nowTicks) ? entry.Owner : null;
            refresh = claimRefresh && CachedView.TryClaimRefresh(buffer, nowTicks);
            response = buffer.AsMemory(CachedView.HeaderSize);
            return true;
        }

        touch = null;
        refresh = false;
        response = default;
        return false;
    }

    /// <summary>The owner <paramref name="slot"/> holds on to, for tests and diagnostics.</summary>
    internal CustomerActor? OwnerAt(int slot) => Volatile.Read(ref _slots[slot].Owner);

    private struct Entry
    {
        public byte[]? Buffer;
        public CustomerActor? Owner;
    }
}
