namespace CustomerView.Domain.Profiles;

/// <summary>
/// The hashes (<see cref="Identity.EventId.StableHash(ReadOnlySpan{char})"/>) of the most recently applied events, up to a capacity, oldest evicted
/// first: one array of numbers used as a ring, searched linearly. A search of a full window of 1,024 is a vectorized
/// scan of 8 KB; most windows hold a few dozen. It replaced a queue and a hash set of the same numbers: five objects,
/// ~29 KB when full, and two arrays reallocated at each growth step, where this is one array of 8 KB.
/// </summary>
/// <remarks>A mutable struct: keep it in a field that is not read-only, and never copy it.</remarks>
internal struct RecentEventWindow
{
    private const int InitialCapacity = 8;

    private ulong[] _items;
    private int _count;

    /// <summary>When the window is full, the position of its oldest hash (the next to be overwritten).</summary>
    private int _oldest;

    /// <summary>Hashes held.</summary>
    public readonly int Count => _count;

    /// <summary>Whether <paramref name="hash"/> is in the window.</summary>
    public readonly bool Contains(ulong hash) => _count > 0 && _items.AsSpan(0, _count).Contains(hash);

    /// <summary>
    /// Adds <paramref name="hash"/> as the newest, evicting the oldest when <paramref name="capacity"/> hashes are held
    /// already; the caller passes the same capacity every time.
    /// </summary>
    public void Add(ulong hash, int capacity)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_count < capacity)
        {
            if (_items is null || _count == _items.Length)
            {
                Array.Resize(ref _items, Math.Min(capacity, Math.Max(InitialCapacity, _count * 2)));
            }

            _items[_count++] = hash;
            return;
        }

        // Full: overwrite the oldest.
        _items[_oldest] = hash;
        _oldest = _oldest + 1 == _count ? 0 : _oldest + 1;
    }

    /// <summary>Hints the processor to load the hashes <see cref="Contains"/> scans (the first lines; the processor follows a scan on its own).</summary>
    public readonly void Prefetch()
    {
        const int HashesPerLine = 8;
        for (var i = 0; i < _count && i < 8 * HashesPerLine; i += HashesPerLine)
        {
            MemoryHints.Prefetch(_items, i);
        }
    }

    /// <summary>The hashes, oldest first.</summary>
    public readonly ulong[] ToArray()
    {
        if (_count == 0)
        {
            return [];
        }

        var copy = new ulong[_count];
        _items.AsSpan(_oldest, _count - _oldest).CopyTo(copy);
        _items.AsSpan(0, _oldest).CopyTo(copy.AsSpan(_count - _oldest));
        return copy;
    }
}
