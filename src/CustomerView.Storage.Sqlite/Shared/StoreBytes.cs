using System.Runtime.InteropServices;

namespace CustomerView.Storage.Shared;

/// <summary>Byte payloads as the ADO.NET providers bind them (shared by the SQLite and PostgreSQL stores).</summary>
internal static class StoreBytes
{
    /// <summary>The array behind <paramref name="memory"/> when it spans a whole array (no copy), otherwise a copy.</summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Offset == 0 && segment.Array is { } array && segment.Count == array.Length
            ? array
            : memory.ToArray();
}
