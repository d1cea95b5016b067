using System.Runtime.InteropServices;

namespace CustomerView.Engine.Tests;

public sealed class SnapshotArenaTests
{
    [Fact]
    public void Allocate_HandsOutDisjointPiecesOfExactLength_UntilABlockIsFull()
    {
        var arena = new SnapshotArena(new SnapshotArena.BlockPool(4));
        var pieces = new List<Memory<byte>>();
        for (var i = 0; i < 700; i++)
        {
            var piece = arena.Allocate(3_000 + i);
            Assert.Equal(3_000 + i, piece.Length);
            piece.Span.Fill((byte)i);
            pieces.Add(piece);
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            Assert.True(pieces[i].Span.IndexOfAnyExcept((byte)i) < 0, $"piece {i} was overwritten");
        }
    }

    [Fact]
    public void Allocate_GivesALargePieceAnArrayOfItsOwn_WhenItExceedsAQuarterBlock()
    {
        var pool = new SnapshotArena.BlockPool(4);
        var arena = new SnapshotArena(pool);

        var large = arena.Allocate((SnapshotArena.BlockBytes / 4) + 1);
        arena.Release();

        Assert.Equal(0, pool.Kept);
        Assert.Equal(large.Length, ArrayOf(large).Length);
    }

    [Fact]
    public void Release_ReturnsBlocksForTheNextArena_UpToThePoolsBound()
    {
        var pool = new SnapshotArena.BlockPool(2);
        var first = new SnapshotArena(pool);
        var blocks = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 16; i++)
        {
            blocks.Add(ArrayOf(first.Allocate(SnapshotArena.BlockBytes / 4)));
        }

        first.Release();
        var keptAfterRelease = pool.Kept;
        var reused = ArrayOf(new SnapshotArena(pool).Allocate(1));

        Assert.Equal(4, blocks.Count);
        Assert.Equal(2, keptAfterRelease);
        Assert.Equal(1, pool.Kept);
        Assert.Contains(reused, blocks);
    }

    private static byte[] ArrayOf(Memory<byte> piece)
    {
        Assert.True(MemoryMarshal.TryGetArray<byte>(piece, out var segment));
        return segment.Array!;
    }
}
