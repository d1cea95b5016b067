using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace CustomerView.Kafka;

/// <summary>
/// One-time setup of how the native librdkafka is found. Call <see cref="EnsureInitialized"/> before any
/// Confluent.Kafka use; every factory in this assembly calls it for you.
/// </summary>
/// <remarks>
/// Confluent.Kafka imports the unversioned name <c>librdkafka</c> (<c>librdkafka.so</c>), which Debian ships only
/// in <c>librdkafka-dev</c>; the runtime package <c>librdkafka1</c> ships <c>librdkafka.so.1</c>. A DllImport
/// resolver on the Confluent.Kafka assembly (and on this one, for the mock-cluster P/Invokes) maps the name to
/// <c>librdkafka.so.1</c> and falls back to the default probing when that file cannot be loaded (other operating
/// systems, a bundled redistributable). <c>Confluent.Kafka.Library.Load</c> is deliberately not used: it
/// P/Invokes <c>libdl.so</c>, which Debian 12 does not have.
/// </remarks>
public static class KafkaNative
{
    /// <summary>The library name Confluent.Kafka and this assembly import.</summary>
    internal const string LibraryName = "librdkafka";

    private const string VersionedSoname = "librdkafka.so.1";

    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Installs the resolver once per process; later calls return at once.</summary>
    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            TrySetResolver(typeof(Library).Assembly);
            TrySetResolver(typeof(KafkaNative).Assembly);
            Volatile.Write(ref _initialized, true);
        }
    }

    /// <summary>The version of the native librdkafka in use, e.g. <c>2.0.2</c>.</summary>
    public static string NativeVersion
    {
        get
        {
            EnsureInitialized();
            return Library.VersionString;
        }
    }

    private static void TrySetResolver(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone in this process already installed a resolver for the assembly; theirs stays in charge.
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad(VersionedSoname, assembly, searchPath, out var handle) ? handle : IntPtr.Zero;
    }
}
