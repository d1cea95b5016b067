namespace CustomerView.Http2.Hpack;

/// <summary>
/// A decoder's dynamic table (RFC 7541 §2.3.2, §4): entries newest first, each counted as its name and value lengths
/// plus 32 bytes, the oldest evicted while the total is over the maximum. A ring of entries, grown as needed.
/// </summary>
internal sealed class HpackDynamicTable
{
    /// <summary>The size an entry counts for besides its name and value (RFC 7541 §4.1).</summary>
    public const int EntryOverhead = 32;

    private (byte[] Name, byte[] Value)[] _entries = new (byte[], byte[])[16];
    private int _newest = -1;
    private int _count;

    /// <summary>Creates an empty table of <paramref name="maxSize"/> bytes.</summary>
    public HpackDynamicTable(int maxSize) => MaxSize = maxSize;

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>The sum of the entries' sizes.</summary>
    public int Size { get; private set; }

    /// <summary>The most the entries may take; setting it evicts the oldest until they fit.</summary>
    public int MaxSize { get; private set; }

    /// <summary>The entry at <paramref name="index"/>: 0 is the newest.</summary>
    public (byte[] Name, byte[] Value) this[int index] => _entries[(_newest - index + _entries.Length) % _entries.Length];

    /// <summary>Changes the maximum size (a dynamic table size update), evicting as needed.</summary>
    public void Resize(int maxSize)
    {
        MaxSize = maxSize;
        EvictTo(maxSize);
    }

    /// <summary>Adds an entry, evicting older ones to make room; one larger than the whole table empties it (RFC 7541 §4.4).</summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var size = name.Length + value.Length + EntryOverhead;
        if (size > MaxSize)
        {
            EvictTo(0);
            return;
        }

        EvictTo(MaxSize - size);
        if (_count == _entries.Length)
        {
            Grow();
        }

        _newest = (_newest + 1) % _entries.Length;
        _entries[_newest] = (name.ToArray(), value.ToArray());
        _count++;
        Size += size;
    }

    private void EvictTo(int size)
    {
        while (Size > size)
        {
            var oldest = (_newest - _count + 1 + _entries.Length) % _entries.Length;
            var (name, value) = _entries[oldest];
            Size -= name.Length + value.Length + EntryOverhead;
            _entries[oldest] = default;
            _count--;
        }
    }

    private void Grow()
    {
        var larger = new (byte[] Name, byte[] Value)[_entries.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            larger[_count - 1 - i] = this[i];
        }

        _entries = larger;
        _newest = _count - 1;
    }
}
