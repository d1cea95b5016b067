namespace CustomerView.Domain.Profiles;

/// <summary>
/// Where a snapshot's copied bytes may live instead of fresh arrays: a host that writes many snapshots at once (a
/// commit) hands out pieces of blocks it reuses, and takes them all back once nothing reads those snapshots any more.
/// </summary>
public interface ISnapshotMemory
{
    /// <summary>A piece of memory of exactly <paramref name="length"/> bytes that nothing else uses until the host takes it back.</summary>
    Memory<byte> Allocate(int length);
}
