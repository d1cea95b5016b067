using System.Globalization;
using System.Runtime.InteropServices;

namespace CustomerView.Node;

/// <summary>
/// Keeps each of the socket engine's threads on a CPU of its own (Linux). With sockets completing inline those threads
/// run the HTTP/2 connections' loops, and the scheduler, waking both where the client's packets arrived, would
/// otherwise queue them behind each other on one CPU for milliseconds while another stood idle (benchmarks/RESULTS.md:
/// one connection's calls all late by 1–5 ms, then completing together).
/// </summary>
internal static partial class SocketThreadAffinity
{
    /// <summary>The name the runtime gives the socket engine's threads (as Linux keeps it).</summary>
    public const string EngineThreadName = ".NET Sockets";

    /// <summary>
    /// Pins the process's socket engine threads, in the order of their thread ids, to the CPUs the process may use, one
    /// each in turn.
    /// </summary>
    /// <returns>Each pinned thread's id and CPU; none where the platform has no such threads or refuses.</returns>
    public static IReadOnlyList<(int Thread, int Cpu)> PinEngineThreads()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/task"))
        {
            return [];
        }

        var cpus = AllowedCpus();
        var threads = EngineThreads();
        List<(int, int)> pinned = [];
        for (var i = 0; i < threads.Count && cpus.Count > 0; i++)
        {
            var cpu = CpuFor(i, cpus);
            var mask = new ulong[16];
            mask[cpu / 64] |= 1UL << (cpu % 64);
            if (SetAffinity(threads[i], (nuint)(mask.Length * sizeof(ulong)), mask) == 0)
            {
                pinned.Add((threads[i], cpu));
            }
        }

        return pinned;
    }

    /// <summary>The CPU for the <paramref name="index"/>-th engine thread: the allowed CPUs in turn.</summary>
    internal static int CpuFor(int index, IReadOnlyList<int> allowed) => allowed[index % allowed.Count];

    /// <summary>The CPUs in a Linux list such as "0-3,8,10-11".</summary>
    internal static List<int> ParseCpuList(string list)
    {
        List<int> cpus = [];
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = int.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            var last = dash < 0 ? first : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (var cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>The ids of the process's threads named <see cref="EngineThreadName"/>, in order.</summary>
    internal static List<int> EngineThreads()
    {
        List<int> threads = [];
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == EngineThreadName)
                {
                    threads.Add(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        threads.Sort();
        return threads;
    }

    private static List<int> AllowedCpus()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            {
                // The mask passed to the kernel holds 1,024 CPUs.
                return ParseCpuList(line["Cpus_allowed_list:".Length..]).FindAll(static cpu => cpu < 1024);
            }
        }

        return [];
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int thread, nuint size, ulong[] mask);
}
