using System.Diagnostics;
using CustomerView.Kafka;

namespace CustomerView.LoadTool;

/// <summary>
/// Ingestion: events per second a node applies (with its durable batch commits) while a producer produces, against
/// a bare consumer of the same topics with the same client settings (measured before and after the node, the mean of
/// the two), each over a fresh embedded cluster in the same run.
/// </summary>
internal static class IngestionBenchmark
{
    private const int Customers = 100_000;
    private const long MaxLag = 200_000;

    /// <summary>Join, JIT and first activations.</summary>
    private static readonly TimeSpan FloorWarmUp = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Longer than the node's snapshot age (30 s, the production default) plus a margin, so the measured window is the
    /// steady state: journal rows for every batch and the snapshots of customers whose changes came of age.
    /// </summary>
    private static readonly TimeSpan NodeWarmUp = TimeSpan.FromSeconds(36);

    public static async Task<IngestionResult> RunAsync(string storage, Func<string, Task<Child>> startNode, Func<string, Task<Child>> startFloor, TimeSpan duration, TextWriter log)
    {
        log.WriteLine($"ingestion ({storage}): bare-consumer floor...");
        var (floorBefore, floorSeries, _, _, floorThreads, stealBefore) = await MeasureAsync(startFloor, duration, FloorWarmUp, "floor");
        log.WriteLine($"  floor {floorBefore:N0} records/s");
        log.WriteLine($"ingestion ({storage}): node...");
        var (rate, series, last, lag, threads, steal) = await MeasureAsync(startNode, duration, NodeWarmUp, storage);

        // The floor again after the node: the machine's other tenants come and go over a run, and the mean of a window
        // on each side of the node's weighs that drift on both sides of the ratio alike.
        log.WriteLine($"ingestion ({storage}): bare-consumer floor again...");
        var (floorAfter, _, _, _, _, stealAfter) = await MeasureAsync(startFloor, duration, FloorWarmUp, "floor-after");
        var floorRate = (floorBefore + floorAfter) / 2;
        log.WriteLine($"  floor {floorAfter:N0} records/s; the mean of both, {floorRate:N0}, is the floor; the hypervisor took {stealBefore:P1} of the machine's time in the first floor's window, {steal:P1} in the node's, {stealAfter:P1} in the second floor's");
        log.WriteLine($"  threads (cores on a CPU / waiting for one): {Describe(threads)}; floor run: {Describe(floorThreads)}");
        var window = duration.TotalMilliseconds;
        log.WriteLine($"  node {rate:N0} events/s ({last.Commits} commits, {last.ProfilesWritten} profile writes; CPU {last.CpuMs:F0} % ({last.CpuMs * 1e4 / Math.Max(1, rate):F1} µs per event), {last.Collections} GCs ({last.Gen2Collections} gen 2), {last.GcPauseMs:F0} ms paused, {last.Allocated / Math.Max(1, last.Applied):N0} B allocated per event; {last.DeadLettered:N0} dead-lettered; commits in flight {last.CommittingMs / window:P0} of the window, loop waiting for them {last.WaitingForCommitsMs / window:P0}; lag mean {lag.Mean:N0}, at the bound in {lag.AtBound:P0} of samples)");
        return new IngestionResult(storage, floorRate, rate, last.Commits, last.ProfilesWritten, last.CpuMs, floorSeries, series)
        {
            FloorBefore = floorBefore,
            FloorAfter = floorAfter,
            NodeCollections = last.Collections,
            NodeGcPauseShare = last.GcPauseMs / window,
            NodeBytesPerEvent = (double)last.Allocated / Math.Max(1, last.Applied),
            NodeCommittingShare = last.CommittingMs / window,
            NodeCommitWaitShare = last.WaitingForCommitsMs / window,
            MeanLag = lag.Mean,
            LagAtBoundShare = lag.AtBound,
            Threads = threads,
            FloorThreads = floorThreads,
            Steal = steal,
            FloorStealBefore = stealBefore,
            FloorStealAfter = stealAfter,
        };
    }

    /// <summary>"group 0.45/0.10, …" for the groups that used or waited for at least 0.02 of a core.</summary>
    public static string Describe(IReadOnlyList<ThreadGroupCpu> threads)
    {
        var parts = new List<string>();
        foreach (var t in threads)
        {
            if (t.Cores >= 0.02 || t.WaitingCores >= 0.02)
            {
                parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Group} {t.Cores:F2}/{t.WaitingCores:F2}"));
            }
        }

        return parts.Count == 0 ? "not measured (no /proc)" : string.Join(", ", parts);
    }

    /// <summary>
    /// Records produced but not yet consumed, sampled every 100 ms: near the bound, the consumer side is the bottleneck;
    /// near zero, the producer is.
    /// </summary>
    private readonly record struct LagSummary(double Mean, double AtBound);

    private static async Task<(double Rate, List<RateSample> Series, ChildStats Last, LagSummary Lag, List<ThreadGroupCpu> Threads, double Steal)> MeasureAsync(Func<string, Task<Child>> start, TimeSpan duration, TimeSpan warmUp, string runId)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaOptions { Embedded = true });
        await using var child = await start(cluster.BootstrapServers!);
        var workload = new Workload(runId + Guid.NewGuid().ToString("N")[..6], seed: 11);
        var random = new Random(5);
        using var producer = new LagBoundedProducer(cluster, MaxLag);
        producer.Start(() => workload.Next(random.Next(Customers)));

        // Warm up (join, JIT, first activations; for the node also the first snapshots coming of age), then sample once a second.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < warmUp)
        {
            producer.Consumed((await child.StatsAsync()).Consumed);
            await Task.Delay(100);
        }

        var first = await child.StartSamplingAsync();
        var nodeThreads = ThreadCpu.Sample(child.ProcessId, ThreadCpu.NodeGroup);
        var ownThreads = ThreadCpu.Sample(Environment.ProcessId, ThreadCpu.LoadToolGroup);
        var machine = MachineTime.Read();
        var clock = Stopwatch.StartNew();
        var series = new List<RateSample>();
        var previous = first;
        var previousAt = 0.0;
        var nextSample = 1.0;
        double lagSum = 0;
        var lagSamples = 0;
        var atBound = 0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(100);
            var now = await child.StatsAsync();
            producer.Consumed(now.Consumed);
            var lag = producer.Produced - now.Consumed;
            lagSum += lag;
            lagSamples++;
            atBound += lag >= MaxLag * 9 / 10 ? 1 : 0;
            var at = clock.Elapsed.TotalSeconds;
            if (at >= nextSample)
            {
                series.Add(new RateSample(Math.Round(at, 2), (now.Applied - previous.Applied) / (at - previousAt)));
                previous = now;
                previousAt = at;
                nextSample += 1;
            }
        }

        var last = await child.StatsAsync();
        var elapsed = clock.Elapsed.TotalSeconds;
        var steal = MachineTime.Read().StealSince(machine);
        var threads = ThreadCpu.Between(nodeThreads, ThreadCpu.Sample(child.ProcessId, ThreadCpu.NodeGroup), elapsed);
        threads.AddRange(ThreadCpu.Between(ownThreads, ThreadCpu.Sample(Environment.ProcessId, ThreadCpu.LoadToolGroup), elapsed));
        threads.Sort(static (a, b) => b.Cores.CompareTo(a.Cores));
        producer.Stop();
        var cpu = (last.CpuMs - first.CpuMs) / 10.0 / elapsed;
        var lagSummary = new LagSummary(lagSum / Math.Max(1, lagSamples), (double)atBound / Math.Max(1, lagSamples));
        return ((last.Applied - first.Applied) / elapsed, series, last with
        {
            CommittingMs = last.CommittingMs - first.CommittingMs,
            WaitingForCommitsMs = last.WaitingForCommitsMs - first.WaitingForCommitsMs,
            Commits = last.Commits - first.Commits,
            ProfilesWritten = last.ProfilesWritten - first.ProfilesWritten,
            CpuMs = Math.Round(cpu, 1),
            Collections = last.Collections - first.Collections,
            Gen2Collections = last.Gen2Collections - first.Gen2Collections,
            GcPauseMs = last.GcPauseMs - first.GcPauseMs,
            Applied = last.Applied - first.Applied,
            Allocated = last.Allocated - first.Allocated,
            DeadLettered = last.DeadLettered - first.DeadLettered,
        }, lagSummary, threads, steal);
    }
}
