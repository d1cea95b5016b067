using System.Diagnostics;
using CustomerView.Kafka;

namespace CustomerView.LoadTool;

/// <summary>
/// Resident memory of a node (its own process) after ingesting events for growing numbers of distinct customers,
/// with idle actors deactivated (idle timeout of a few seconds) and a full GC before each reading.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<MemoryResult> RunAsync(Func<string, Task<Child>> startNode, int[] checkpoints, TextWriter log)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaOptions { Embedded = true });
        await using var node = await startNode(cluster.BootstrapServers!);
        using var producer = new LagBoundedProducer(cluster, 300_000);
        var points = new List<MemoryPoint>();
        var baseline = await node.CollectAsync();
        points.Add(new MemoryPoint(0, baseline.Rss, baseline.Heap, baseline.Active, 0));
        log.WriteLine($"memory: 0 customers, RSS {baseline.Rss / 1048576.0:F0} MiB, heap {baseline.Heap / 1048576.0:F0} MiB");

        var workload = new Workload("m" + Guid.NewGuid().ToString("N")[..6], seed: 1);
        var next = 0;
        var target = 0;
        var done = false;
        producer.Start(() =>
        {
            while (next >= Volatile.Read(ref target))
            {
                if (Volatile.Read(ref done))
                {
                    return null;
                }

                Thread.Sleep(5);
            }

            return workload.Interaction(next++);
        });
        var clock = Stopwatch.StartNew();
        foreach (var checkpoint in checkpoints)
        {
            Volatile.Write(ref target, checkpoint);
            ChildStats stats;
            while (true)
            {
                stats = await node.StatsAsync();
                producer.Consumed(stats.Consumed);
                if (stats.Consumed >= checkpoint)
                {
                    break;
                }

                await Task.Delay(200);
            }

            var ingested = clock.Elapsed.TotalSeconds;
            // Let idle actors deactivate (idle timeout + sweep), then read memory after a full GC.
            var settle = Stopwatch.StartNew();
            while (stats.Active > 100 && settle.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(500);
                stats = await node.StatsAsync();
            }

            stats = await node.CollectAsync();
            points.Add(new MemoryPoint(checkpoint, stats.Rss, stats.Heap, stats.Active, Math.Round(ingested, 1)));
            log.WriteLine($"memory: {checkpoint:N0} customers, RSS {stats.Rss / 1048576.0:F0} MiB, heap {stats.Heap / 1048576.0:F0} MiB, active actors {stats.Active}, ingested by {ingested:F0} s");
        }

        Volatile.Write(ref done, true);
        producer.Stop();
        var first = points[1];
        var last = points[^1];
        var beforeLast = points[^2];
        return new MemoryResult(points,
            (first.RssBytes - baseline.Rss) / (double)first.Customers,
            (last.RssBytes - beforeLast.RssBytes) / (double)(last.Customers - beforeLast.Customers));
    }
}
