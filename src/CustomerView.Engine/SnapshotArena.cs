using CustomerView.Domain.Profiles;

namespace CustomerView.Engine;

/// <summary>
/// The memory of one commit's snapshots: the history copies taken on the loop and the encoded bytes storage writes,
/// cut from blocks that are reused from commit to commit. Before, each snapshot allocated both as arrays of its own,
/// about 6 KB per snapshot that lived as long as the commit (a second or so), so collections promoted them; they
/// were 30 % of the bytes the node allocated under ingestion.
/// </summary>
/// <remarks>
/// Used by one thread at a time: the loop while it plans the commit, then the commit's task as it encodes (the task's
/// start orders the two), then the loop again, which gives the blocks back once storage has finished with the
/// commit. Pieces larger than a quarter block get arrays of their own.
/// </remarks>
internal sealed class SnapshotArena(SnapshotArena.BlockPool pool) : ISnapshotMemory
{
    /// <summary>Bytes per block.</summary>
    internal const int BlockBytes = 1 << 20;

    private readonly List<byte[]> _blocks = [];
    private byte[] _current = [];
    private int _used;

    /// <inheritdoc />
    public Memory<byte> Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > BlockBytes / 4)
        {
            return new byte[length];
        }

        if (_current.Length - _used < length)
        {
            _current = pool.Rent();
            _blocks.Add(_current);
            _used = 0;
        }

        var piece = _current.AsMemory(_used, length);
        _used += length;
        return piece;
    }

    /// <summary>Gives every block back to the pool; nothing cut from them may be read afterwards.</summary>
    public void Release()
    {
        foreach (var block in _blocks)
        {
            pool.Return(block);
        }

        _blocks.Clear();
        _current = [];
        _used = 0;
    }

    /// <summary>Blocks kept for the next commits, up to a bound (the rest are left to the collector).</summary>
    /// <param name="maxKept">Blocks kept at most.</param>
    internal sealed class BlockPool(int maxKept)
    {
        private readonly Stack<byte[]> _free = new();
        private readonly Lock _lock = new();

        /// <summary>Blocks kept now.</summary>
        public int Kept
        {
            get
            {
                lock (_lock)
                {
                    return _free.Count;
                }
            }
        }

        public byte[] Rent()
        {
            lock (_lock)
            {
                if (_free.TryPop(out var block))
                {
                    return block;
                }
            }

            return GC.AllocateUninitializedArray<byte>(BlockBytes);
        }

        public void Return(byte[] block)
        {
            lock (_lock)
            {
                if (_free.Count < maxKept)
                {
                    _free.Push(block);
                }
            }
        }
    }
}
