using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CustomerView.Domain;

/// <summary>
/// Hints that ask the processor to start loading memory that is about to be read, so a loop over many customers can
/// overlap their cache misses instead of waiting for each in turn. A hint never faults and changes nothing; where the
/// processor has no such instruction it does nothing. <see cref="Profiles.CustomerProfile.Prefetch"/> uses them for a
/// profile's parts; a host uses <see cref="Prefetch(object, int)"/> for its own objects around a profile (an actor).
/// </summary>
public static class MemoryHints
{
    private const int CacheLine = 64;

    /// <summary>Asks for the cache line holding <paramref name="at"/>.</summary>
    public static unsafe void Prefetch(ref byte at)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref at));
        }
    }

    /// <summary>Asks for the cache line holding element <paramref name="index"/> of <paramref name="array"/>, if it has one.</summary>
    public static void Prefetch<T>(T[]? array, int index)
    {
        if (array is not null && (uint)index < (uint)array.Length)
        {
            Prefetch(ref Unsafe.As<T, byte>(ref array[index]));
        }
    }

    /// <summary>Asks for the first <paramref name="bytes"/> of <paramref name="instance"/>'s fields.</summary>
    public static void Prefetch(object instance, int bytes)
    {
        ref var fields = ref Unsafe.As<RawObject>(instance).FirstByte;
        for (var offset = 0; offset < bytes; offset += CacheLine)
        {
            Prefetch(ref Unsafe.Add(ref fields, offset));
        }
    }

    /// <summary>The layout every object starts with, after its header: used only to take the address of its fields.</summary>
    private sealed class RawObject
    {
#pragma warning disable CS0649 // never assigned: only its address is taken
        public byte FirstByte;
#pragma warning restore CS0649
    }
}
