using System.Collections;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// A snapshot's interaction history: a copy of the history's packed entries, rebuilt as <see cref="InteractionEntry"/>
/// as they are read. Taking a snapshot copies bytes only; where the snapshot is encoded, off the ingestion loop, the
/// entries' fields are read in place (<see cref="IPackedInteractionHistory"/>) and none is rebuilt.
/// </summary>
/// <param name="data">The packed entries; never changed while the snapshot may be read (see <see cref="CustomerProfile.ToSnapshot"/>).</param>
/// <param name="slots">Each entry's start in <paramref name="data"/> (high 32 bits) and length (low 32 bits), oldest first.</param>
internal sealed class PackedInteractionList(ReadOnlyMemory<byte> data, long[] slots) : IReadOnlyList<InteractionEntry>, IPackedInteractionHistory
{
    /// <inheritdoc />
    public int Count => slots.Length;

    /// <inheritdoc />
    public InteractionEntry this[int index] => PackedInteraction.Unpack(PackedAt(index));

    /// <inheritdoc />
    public PackedInteractionFields FieldsAt(int index) => PackedInteractionFields.Read(PackedAt(index));

    /// <inheritdoc />
    public IEnumerator<InteractionEntry> GetEnumerator()
    {
        for (var i = 0; i < slots.Length; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReadOnlySpan<byte> PackedAt(int index) => data.Span.Slice((int)(slots[index] >> 32), (int)slots[index]);
}
