using System.Buffers;
using System.Collections;
using System.Diagnostics;
using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// The retained interaction history, oldest first: entries packed as bytes (<see cref="PackedInteraction"/>) in one
/// array, in the order they arrived, and a ring of their positions in history order. Rebuilt as
/// <see cref="InteractionEntry"/> when read.
/// </summary>
/// <remarks>
/// Why bytes: a new interaction then writes no object reference into the long-lived profile. The collector must visit
/// every old object that was given a reference to a young one since its last collection (a "card"), scanning the heap
/// around it; with a reference per interaction, each gen-0 collection scanned around every customer that had an event,
/// which cost hundreds of milliseconds on a heap of a million customers. Appending bytes needs no such bookkeeping:
/// the byte array is replaced (one reference) only when it is full. Dropping the oldest entry only moves the ring's
/// head; the bytes it held are reclaimed when the array is next compacted.
/// </remarks>
/// <param name="capacity">The most entries it will hold.</param>
internal sealed class InteractionRing(int capacity) : IReadOnlyList<InteractionEntry>, IPackedInteractionHistory
{
    private const int InitialSlots = 4;
    private const int InitialBytes = 512;

    /// <summary>Bytes of the ring's fields, for <see cref="MemoryHints"/>.</summary>
    internal const int FieldBytes = 64;

    private readonly int _capacity = Math.Max(1, capacity);

    /// <summary>Each entry's start in <see cref="_data"/> (high 32 bits) and length (low 32 bits), in history order from <see cref="_head"/>.</summary>
    private long[] _slots = [];
    private int _head;
    private int _count;
    private byte[] _data = [];

    /// <summary>Bytes of <see cref="_data"/> written so far, the held entries' and the dropped ones'.</summary>
    private int _used;

    /// <summary>Bytes of the held entries.</summary>
    private int _live;

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>The most entries it holds (at least one).</summary>
    public int Capacity => _capacity;

    /// <inheritdoc />
    public InteractionEntry this[int index] => PackedInteraction.Unpack(PackedAt(index));

    /// <summary>The packed entry at <paramref name="index"/>, oldest first; valid until the ring next changes.</summary>
    public ReadOnlySpan<byte> PackedAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            ThrowIndexOutOfRange();
        }

        var slot = _slots[Slot(index)];
        return new ReadOnlySpan<byte>(_data, (int)(slot >> 32), (int)slot);
    }

    /// <inheritdoc />
    public PackedInteractionFields FieldsAt(int index) => PackedInteractionFields.Read(PackedAt(index));

    /// <summary>The occurrence instant, as UTC ticks, of the entry at <paramref name="index"/>, without rebuilding it.</summary>
    public long TicksAt(int index) => PackedInteraction.Ticks(PackedAt(index));

    /// <summary>The topic of the entry at <paramref name="index"/>, without rebuilding the rest of it.</summary>
    public string TopicAt(int index) => PackedInteraction.Topic(PackedAt(index));

    /// <summary>Packs an interaction and inserts it before the entry at <paramref name="index"/> (at the end when it equals <see cref="Count"/>).</summary>
    public void Insert(int index, string eventId, Channel channel, DateTimeOffset occurredAt, string? sourceSystem, InteractionRecorded details) =>
        PackedInteraction.Pack(eventId, channel, occurredAt, sourceSystem, details, (Ring: this, Index: index), static (packed, s) => s.Ring.Insert(s.Index, packed));

    /// <summary>Inserts the packed <paramref name="entry"/> before the entry at <paramref name="index"/> (at the end when it equals <see cref="Count"/>).</summary>
    public void Insert(int index, ReadOnlySpan<byte> entry)
    {
        Debug.Assert((uint)index <= (uint)_count, "The index is within the ring or at its end.");
        if (_count == _slots.Length)
        {
            GrowSlots();
        }

        if (_data.Length - _used < entry.Length)
        {
            MakeRoom(entry.Length);
        }

        entry.CopyTo(_data.AsSpan(_used));
        var position = ((long)_used << 32) | (uint)entry.Length;
        _used += entry.Length;
        _live += entry.Length;

        // Shift the positions from index on one slot towards the end, the last first; the newest entry moves nothing.
        var to = Slot(_count);
        for (var i = _count; i > index; i--)
        {
            var from = to == 0 ? _slots.Length - 1 : to - 1;
            _slots[to] = _slots[from];
            to = from;
        }

        _slots[to] = position;
        _count++;
    }

    /// <summary>Drops the oldest entry.</summary>
    public void RemoveFirst()
    {
        Debug.Assert(_count > 0, "The ring is not empty.");
        _live -= (int)_slots[_head];
        _head = _head + 1 == _slots.Length ? 0 : _head + 1;
        _count--;
    }

    /// <summary>Replaces the contents with <paramref name="entries"/>, which must already be in order, packing each.</summary>
    public void Load(IReadOnlyList<InteractionEntry> entries)
    {
        _slots = entries.Count == 0 ? [] : new long[Math.Max(entries.Count, InitialSlots)];
        _data = [];
        _head = 0;
        _count = 0;
        _used = 0;
        _live = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            Insert(i, entry.EventId, entry.Channel, entry.OccurredAt, entry.SourceSystem, entry.Details);
        }
    }

    /// <summary>
    /// The entries, oldest first, as a list that rebuilds them when read. It holds a copy of the packed bytes (in
    /// <paramref name="memory"/> when given, until its host takes it back), so it may be read on any thread while the
    /// ring goes on changing.
    /// </summary>
    public PackedInteractionList Copy(ISnapshotMemory? memory = null)
    {
        var data = memory?.Allocate(_live) ?? new byte[_live];
        var bytes = data.Span;
        var slots = new long[_count];
        var at = 0;
        for (var i = 0; i < _count; i++)
        {
            var entry = PackedAt(i);
            entry.CopyTo(bytes[at..]);
            slots[i] = ((long)at << 32) | (uint)entry.Length;
            at += entry.Length;
        }

        return new PackedInteractionList(data, slots);
    }

    /// <inheritdoc />
    public IEnumerator<InteractionEntry> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Hints the processor to load the newest entry's slot and the end of the bytes: the newest entry, which a new one
    /// is compared with first, and where the new one is written.
    /// </summary>
    public void PrefetchNewest()
    {
        if (_count > 0)
        {
            MemoryHints.Prefetch(_slots, Slot(_count - 1));
            MemoryHints.Prefetch(_data, _used - 1);
        }

        MemoryHints.Prefetch(_data, _used);
    }

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _slots.Length ? slot - _slots.Length : slot;
    }

    private void GrowSlots()
    {
        var grown = new long[Math.Max(_count + 1, Math.Min(Math.Max(_slots.Length * 2, InitialSlots), _capacity))];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _slots[Slot(i)];
        }

        _slots = grown;
        _head = 0;
    }

    /// <summary>
    /// Makes room for <paramref name="needed"/> more bytes: moves the held entries to the front, in history order, in
    /// the same array when they and the new one leave a quarter of it free, otherwise in one twice their size. Either
    /// way the next compaction is at least a quarter of the array's appends away.
    /// </summary>
    private void MakeRoom(int needed)
    {
        var required = _live + needed;
        // Uninitialized: only the bytes the slots point at are ever read, and they are all written below or by Add.
        var target = required <= _data.Length - (_data.Length / 4) ? _data : GC.AllocateUninitializedArray<byte>(Math.Max(InitialBytes, required * 2));
        byte[]? scratch = null;
        var source = _data;
        if (ReferenceEquals(target, _data))
        {
            // In place: the entries are not stored in history order, so copy them out before writing over them.
            scratch = ArrayPool<byte>.Shared.Rent(_used);
            _data.AsSpan(0, _used).CopyTo(scratch);
            source = scratch;
        }

        var at = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = Slot(i);
            var length = (int)_slots[s];
            source.AsSpan((int)(_slots[s] >> 32), length).CopyTo(target.AsSpan(at));
            _slots[s] = ((long)at << 32) | (uint)length;
            at += length;
        }

        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        _data = target;
        _used = at;
        _live = at;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndexOutOfRange() => throw new ArgumentOutOfRangeException("index");
}
