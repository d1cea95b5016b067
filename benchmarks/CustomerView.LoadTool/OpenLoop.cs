using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CustomerView.LoadTool;

/// <summary>
/// An open-loop load generator: requests are scheduled at fixed intervals whatever the responses do, and each
/// latency is measured from its scheduled send time, so a slow response cannot hide the requests queued behind it
/// (no coordinated omission).
/// </summary>
/// <remarks>
/// One thread does everything: it wakes about every 100 µs (a precise sleep, so it neither spins nor burns a core),
/// reads the responses that have arrived on each connection (recording each latency then, so it can only come out
/// late, never early), hands every request whose time has come to its connection (round robin over a few
/// <see cref="H2Connection"/>s) and sends each connection's batch in one write. Dispatch lag is how late a request
/// was handed to its connection. No thread per connection and no wake-up per response: on a 2-core machine shared
/// with the server, the generator's own scheduling would otherwise be what the tail measures.
/// </remarks>
internal static partial class OpenLoop
{
    public const int Connections = 2;
    private static readonly long Tick = Stopwatch.Frequency / 10_000;

    public sealed record Run(Histogram Latency, Histogram DispatchLag, double Achieved, long Errors);

    /// <summary>Runs <paramref name="rate"/> calls a second to <paramref name="path"/> for <paramref name="duration"/> after a warm-up.</summary>
    /// <param name="server">The server.</param>
    /// <param name="path">The method's path.</param>
    /// <param name="bodies">Length-prefixed request messages, used in turn.</param>
    /// <param name="rate">Calls per second.</param>
    /// <param name="duration">The measured run.</param>
    /// <param name="warmUp">A run at the same rate before, on the same connections, not measured.</param>
    /// <param name="measuring">Called between the warm-up and the measured run.</param>
    public static async Task<Run> RunAsync(Uri server, string path, IReadOnlyList<byte[]> bodies, double rate, TimeSpan duration, TimeSpan warmUp, Func<Task>? measuring = null)
    {
        var connections = new H2Connection[Connections];
        for (var i = 0; i < connections.Length; i++)
        {
            connections[i] = H2Connection.Open(server, path);
        }

        try
        {
            await RunOnceAsync(connections, bodies, rate, warmUp);
            if (measuring is not null)
            {
                await measuring();
            }

            return await RunOnceAsync(connections, bodies, rate, duration);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    private static async Task<Run> RunOnceAsync(H2Connection[] connections, IReadOnlyList<byte[]> bodies, double rate, TimeSpan duration)
    {
        var sink = new H2Connection.Sink(new Histogram());
        foreach (var connection in connections)
        {
            connection.Use(sink);
        }

        var lag = new Histogram();
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var dispatcher = new Thread(() => Dispatch(connections, bodies, total, interval, lag, sink))
        {
            IsBackground = true,
            Name = "open-loop",
            Priority = ThreadPriority.AboveNormal,
        };
        var clock = Stopwatch.StartNew();
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        var elapsed = clock.Elapsed;
        if (sink.Completed < total)
        {
            foreach (var connection in connections)
            {
                connection.Abandon();
            }
        }

        return new Run(sink.Latency, lag, total / elapsed.TotalSeconds, sink.Errors);
    }

    private static void Dispatch(H2Connection[] connections, IReadOnlyList<byte[]> bodies, long total, double interval, Histogram lag, H2Connection.Sink sink)
    {
        _ = SetTimerSlack(29, 1);  // PR_SET_TIMERSLACK: 1 ns, so short sleeps end when asked
        Realtime = TryRealtime();
        var start = Stopwatch.GetTimestamp();
        long i = 0;
        while (i < total)
        {
            foreach (var connection in connections)
            {
                connection.Poll();
            }

            var now = Stopwatch.GetTimestamp();
            var handed = false;
            while (i < total)
            {
                var scheduled = start + (long)(i * interval);
                if (scheduled > now)
                {
                    break;
                }

                lag.RecordStopwatchTicks(now - scheduled);
                connections[i % connections.Length].Enqueue(bodies[(int)(i % bodies.Count)], scheduled);
                handed = true;
                i++;
            }

            if (handed)
            {
                foreach (var connection in connections)
                {
                    connection.Flush();
                }
            }

            // Sleep a whole tick even when the next call is due sooner: the calls due meanwhile go out together at the
            // next wake (each still timed from its scheduled time), so at high rates the generator wakes 10,000 times a
            // second, not once per call, and leaves the cores to the server.
            if (i < total && start + (long)(i * interval) > Stopwatch.GetTimestamp())
            {
                Sleep(Tick);
            }
        }

        // The answers still to come (bounded: what has not come 30 s after the last send is lost).
        var tailEnd = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (sink.Completed < total && Stopwatch.GetTimestamp() < tailEnd)
        {
            foreach (var connection in connections)
            {
                connection.Poll();
            }

            Sleep(Tick);
        }
    }

    /// <summary>Whether the last run's generator thread ran under the real-time scheduler.</summary>
    public static bool Realtime { get; private set; }

    /// <summary>
    /// Puts the calling thread under the real-time FIFO scheduler (needs CAP_SYS_NICE, as root has): on a machine whose
    /// cores the server and its Kafka share, a waking generator thread otherwise waits its turn behind them, and its
    /// late wake-ups (2–3 ms at p99 on 2 cores) would be counted as the server's latency. It sleeps every tick, so it
    /// takes a core only for the moments it sends and reads.
    /// </summary>
    private static bool TryRealtime()
    {
        var parameters = new SchedParam { Priority = 10 };
        return SetScheduler(0, 1, in parameters) == 0;  // SCHED_FIFO for this thread
    }

    private static void Sleep(long stopwatchTicks)
    {
        var nanoseconds = stopwatchTicks * 1_000_000_000 / Stopwatch.Frequency;
        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = NanoSleep(in request, IntPtr.Zero);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int SetTimerSlack(int option, ulong value);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, in SchedParam parameters);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
