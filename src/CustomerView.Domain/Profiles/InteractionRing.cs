using System.Collections;
using System.Diagnostics;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// The retained interaction history, oldest first, in a ring: dropping the oldest entry moves nothing, and the usual
/// insert (the newest, at the end) writes one slot. A <see cref="List{T}"/> shifted the whole array on every drop, so a
/// full history rewrote all its slots for each new interaction.
/// </summary>
/// <param name="capacity">The most entries it will hold; its array grows by doubling up to this.</param>
internal sealed class InteractionRing(int capacity) : IReadOnlyList<InteractionEntry>
{
    private const int InitialCapacity = 4;

    private readonly int _capacity = Math.Max(1, capacity);
    private InteractionEntry[] _items = [];
    private int _head;
    private int _count;

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>The most entries it holds (at least one).</summary>
    public int Capacity => _capacity;

    /// <inheritdoc />
    public InteractionEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndexOutOfRange();
            }

            return _items[Slot(index)];
        }
    }

    /// <summary>Inserts <paramref name="entry"/> before the entry at <paramref name="index"/> (at the end when it equals <see cref="Count"/>).</summary>
    public void Insert(int index, InteractionEntry entry)
    {
        Debug.Assert((uint)index <= (uint)_count, "The index is within the ring or at its end.");
        if (_count == _items.Length)
        {
            Grow();
        }

        // Shift the entries from index on one slot towards the end, the last first; the newest entry moves nothing.
        var to = Slot(_count);
        for (var i = _count; i > index; i--)
        {
            var from = to == 0 ? _items.Length - 1 : to - 1;
            _items[to] = _items[from];
            to = from;
        }

        _items[to] = entry;
        _count++;
    }

    /// <summary>Drops the oldest entry.</summary>
    public void RemoveFirst()
    {
        Debug.Assert(_count > 0, "The ring is not empty.");
        _items[_head] = null!;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        _count--;
    }

    /// <summary>Replaces the contents with <paramref name="entries"/>, which must already be in order.</summary>
    public void Load(InteractionEntry[] entries)
    {
        _items = entries;
        _head = 0;
        _count = entries.Length;
    }

    /// <summary>The entries, oldest first, in a new array.</summary>
    public InteractionEntry[] ToArray()
    {
        if (_count == 0)
        {
            return [];
        }

        var copy = new InteractionEntry[_count];
        var first = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, copy, 0, first);
        Array.Copy(_items, 0, copy, first, _count - first);
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<InteractionEntry> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[Slot(i)];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _items.Length ? slot - _items.Length : slot;
    }

    private void Grow()
    {
        var grown = ToArray();
        Array.Resize(ref grown, Math.Max(_count + 1, Math.Min(Math.Max(_items.Length * 2, InitialCapacity), _capacity)));
        _items = grown;
        _head = 0;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndexOutOfRange() => throw new ArgumentOutOfRangeException("index");
}
