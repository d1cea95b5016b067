using System.Globalization;

namespace CustomerView.LoadTool;

/// <summary>
/// CPU time per group of threads of a process, from Linux's <c>/proc/PID/task/TID/schedstat</c> (nanoseconds on a
/// CPU, nanoseconds runnable but waiting for one): shows where a saturated machine's cores go. Empty elsewhere.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>Nanoseconds on a CPU and waiting for one, per thread group, now.</summary>
    public static Dictionary<string, (long RunNs, long WaitNs)> Sample(int processId, Func<string, string> group)
    {
        var totals = new Dictionary<string, (long RunNs, long WaitNs)>(StringComparer.Ordinal);
        var tasks = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return totals;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var name = group(File.ReadAllText(Path.Combine(task, "comm")).Trim());
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                var run = long.Parse(fields[0], CultureInfo.InvariantCulture);
                var wait = long.Parse(fields[1], CultureInfo.InvariantCulture);
                var sum = totals.GetValueOrDefault(name);
                totals[name] = (sum.RunNs + run, sum.WaitNs + wait);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return totals;
    }

    /// <summary>Cores each group used between two samples over <paramref name="seconds"/>, largest first.</summary>
    public static List<ThreadGroupCpu> Between(Dictionary<string, (long RunNs, long WaitNs)> before, Dictionary<string, (long RunNs, long WaitNs)> after, double seconds)
    {
        var list = new List<ThreadGroupCpu>();
        foreach (var (name, end) in after)
        {
            var start = before.GetValueOrDefault(name);
            list.Add(new ThreadGroupCpu(name, (end.RunNs - start.RunNs) / 1e9 / seconds, (end.WaitNs - start.WaitNs) / 1e9 / seconds));
        }

        list.Sort(static (a, b) => b.Cores.CompareTo(a.Cores));
        return list;
    }

    /// <summary>Groups a node's threads: its garbage collector, its ingestion loop, the pool running its commits, its Kafka client.</summary>
    public static string NodeGroup(string thread) => thread switch
    {
        _ when thread.StartsWith(".NET Server GC", StringComparison.Ordinal) || thread.StartsWith(".NET BGC", StringComparison.Ordinal) => "node GC",
        "customerview-in" => "node ingestion loop",
        _ when thread.StartsWith(".NET TP Worker", StringComparison.Ordinal) => "node thread pool (commits)",
        _ when thread.StartsWith("rdk:", StringComparison.Ordinal) => "node Kafka client",
        _ => "node other",
    };

    /// <summary>Groups the load tool's threads: the embedded cluster's, the producer's, the rest.</summary>
    public static string LoadToolGroup(string thread) => thread switch
    {
        "rdk:mock" => "load tool embedded cluster",
        _ when thread.StartsWith("loadtool-produc", StringComparison.Ordinal) || thread.StartsWith("rdk:", StringComparison.Ordinal) => "load tool producer",
        _ => "load tool other",
    };
}

/// <summary>Cores a group of threads used on a CPU, and cores' worth of time it waited runnable for one.</summary>
internal sealed record ThreadGroupCpu(string Group, double Cores, double WaitingCores);
