using System.Globalization;

namespace CustomerView.LoadTool;

/// <summary>
/// The whole machine's CPU time from <c>/proc/stat</c> at one moment, in clock ticks: how busy the cores were between
/// two readings, and how much of their time the hypervisor gave to other machines (steal). On a shared virtual machine
/// a stall of the whole machine shows up in every tail percentile, whatever the server does; a run's steal says
/// whether its tail saw one.
/// </summary>
internal readonly record struct MachineTime(long Total, long Busy, long Steal, int Cores)
{
    /// <summary>Reads the machine's counters now (all zero where there is no <c>/proc/stat</c>: the load tool reads Linux's).</summary>
    public static MachineTime Read()
    {
        try
        {
            long total = 0, busy = 0, steal = 0;
            var cores = 0;
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                if (line.StartsWith("cpu ", StringComparison.Ordinal))
                {
                    // cpu user nice system idle iowait irq softirq steal (guest time is already in user and nice)
                    var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    long F(int i) => f.Length > i ? long.Parse(f[i], CultureInfo.InvariantCulture) : 0;
                    busy = F(1) + F(2) + F(3) + F(6) + F(7);
                    steal = F(8);
                    total = busy + F(4) + F(5) + steal;
                }
                else if (line.StartsWith("cpu", StringComparison.Ordinal))
                {
                    cores++;  // cpu0, cpu1, …: every online core, whatever this process's affinity
                }
            }

            return new MachineTime(total, busy, steal, cores);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return default;
    }

    /// <summary>The share of the machine's time between <paramref name="before"/> and now that was stolen by the hypervisor.</summary>
    public double StealSince(MachineTime before) => Total > before.Total ? (double)(Steal - before.Steal) / (Total - before.Total) : 0;

    /// <summary>How many of the machine's cores were busy on average between <paramref name="before"/> and now.</summary>
    public double BusyCoresSince(MachineTime before) =>
        Total > before.Total ? (double)(Busy - before.Busy) / (Total - before.Total) * Cores : 0;
}
