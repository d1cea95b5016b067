using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CustomerView.LoadTool;

/// <summary>Writes report.json, report.md and the CSV series the charts are drawn from.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(Results results, string directory)
    {
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(results, Json));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(results));
        WriteSeries(results, directory);
    }

    private static string Markdown(Results r)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"# CustomerView benchmark report");
        md.AppendLine();
        md.AppendLine(c, $"{r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Machine}; client, server and Kafka on the same machine; suite took {r.DurationSeconds:F0} s.");
        md.AppendLine("Each figure is measured in the same run as its floor; absolute numbers drift on a shared machine, ratios hold. Nodes (and the bare-consumer floor) run with the settings `eng/run.sh` starts a node with: `DOTNET_GCgen0size=" + Suite.NodeEnvironment["DOTNET_GCgen0size"] + "`, a 256 MiB first-generation budget per GC heap, and, on SQLite, `" + Suite.InlineCompletions + "=" + Suite.NodeEnvironment[Suite.InlineCompletions] + "`, sockets completing on the socket engine's threads, which run the HTTP/2 loops (0 on PostgreSQL, whose driver's replies would complete there too).");
        md.AppendLine();
        md.AppendLine("| figure | value | floor | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var i in r.Ingestion)
        {
            var met = i.EventsPerSecond >= 50_000 && i.Ratio >= 0.40;
            md.AppendLine(c, $"| ingestion, {i.Storage} (events/s, durable commits) | {i.EventsPerSecond:N0} | {i.FloorEventsPerSecond:N0} (bare consumer, mean of before and after) | {i.Ratio:P1} | ≥ 50,000/s and ≥ 40% | {Yes(met)} |");
        }

        if (r.GetProfile is { } g)
        {
            md.AppendLine(c, $"| GetProfile max (req/s, median round) | {g.GetProfileMax:N0} | {g.NoopMax:N0} (no-op unary, same server, median round) | {g.MedianRoundRatio:P1} (median of the rounds' ratios) | ≥ 80% | {Yes(g.MedianRoundRatio >= 0.80)} |");
            if (g.SizedRounds.Count > 0)
            {
                md.AppendLine(c, $"| sized no-op max (req/s, median round): GetProfile's answer size, none of its work | {g.SizedMax:N0} | {g.NoopMax:N0} (no-op) | {g.SizedRoundRatio:P1} (median of the rounds' ratios) | — | |");
            }

            if (g.CallCpu is { } cpu)
            {
                md.AppendLine(c, $"| CPU per call at the maximum, node + h2load (µs, median round) | {cpu.GetProfileNode:F2} + {cpu.GetProfileClient:F2} | {cpu.NoopNode:F2} + {cpu.NoopClient:F2} (no-op); {cpu.SizedNode:F2} + {cpu.SizedClient:F2} (sized no-op) | {cpu.CpuBoundRatio:P1} (no-op's over GetProfile's) | — | |");
            }

            foreach (var o in g.OpenLoop.Where(o => o.Method == "GetProfile"))
            {
                var floor = g.OpenLoop.First(x => x.Method == "Noop" && x.Fraction == o.Fraction);
                var bare = g.OpenLoop.FirstOrDefault(x => x.Method == QueryBenchmark.Responder && x.Fraction == o.Fraction);
                var sized = g.OpenLoop.FirstOrDefault(x => x.Method == QueryBenchmark.SizedNoop && x.Fraction == o.Fraction);
                var machineFloor = (sized is null ? "" : string.Create(c, $"; {sized.P50:F2} / {sized.P99:F2} / {sized.P999:F2} ms (sized no-op: GetProfile's answer size, none of its work)"))
                    + (bare is null ? "" : string.Create(c, $"; {bare.P50:F2} / {bare.P99:F2} / {bare.P999:F2} ms (bare responder, same answer, no server framework: the machine's floor)"));
                var target = o.Fraction == 0.5 ? "p99 ≤ 2 ms" : "—";
                var met = o.Fraction == 0.5 ? Yes(o.P99 <= 2) : "";
                md.AppendLine(c, $"| GetProfile p50 / p99 / p99.9 at {o.Fraction:P0} of max ({o.OfferedPerSecond:N0}/s, open loop) | {o.P50:F2} / {o.P99:F2} / {o.P999:F2} ms | {floor.P50:F2} / {floor.P99:F2} / {floor.P999:F2} ms (no-op){machineFloor} | p99 ×{o.P99 / floor.P99:F1} | {target} | {met} |");
            }
        }

        if (r.Freshness is { } f)
        {
            md.AppendLine(c, $"| freshness, produce → WatchProfile update p50 / p99 | {f.P50:F1} / {f.P99:F1} ms | — | — | p99 ≤ 50 ms | {Yes(f.P99 <= 50)} |");
        }

        if (r.Memory is { } m)
        {
            var last = m.Points[^1];
            var baseline = m.Points[0];
            var linear = m.BytesPerCustomerLast <= m.BytesPerCustomerFirst * 1.25;
            md.AppendLine(c, $"| memory, RSS after {last.Customers:N0} customers (idle actors deactivated) | {Mib(last.RssBytes)} | {Mib(baseline.RssBytes)} (same node, 0 customers) | {last.RssBytes / (double)baseline.RssBytes:F1}× | ≤ 2 GiB | {Yes(last.RssBytes <= 2L << 30)} |");
            md.AppendLine(c, $"| memory growth per customer, first step → last step | {m.BytesPerCustomerFirst:F0} → {m.BytesPerCustomerLast:F0} bytes | — | — | not faster than linear | {Yes(linear)} |");
        }

        md.AppendLine();
        if (r.Ingestion.Count > 0)
        {
            md.AppendLine("## Ingestion");
            md.AppendLine();
            md.AppendLine("A producer writes fresh events (unique ids; 100,000 customers; 78 % interactions, 10 % attribute changes, the rest task starts, steps and completions that follow each customer's task lifecycles; one event in 1,000 is a deliberate bad one, a task of a kind no version knows, which the node dead-letters) to the 8 channel topics of an embedded Kafka (3 brokers, 6 partitions) while it is consumed, never more than 200,000 records ahead. The floor is a bare consumer with the same `KafkaOptions.CreateConsumerConfig()` and the node's read path (`RecordBatchReader`: records read in place from librdkafka, in batches of 512), which only counts them, in a process of its own like the node; the floor is measured before the node and again after it, and is the mean of the two windows, so the machine's drift over the run weighs on both sides of the ratio alike; each window gets a fresh cluster and a warm-up (floor 4 s; node 36 s, past the 30 s snapshot age, so the window is the steady state: a journal row per batch plus the snapshots of customers whose changes came of age, which the node paces over that age, about one per changed customer per 30 s), then the measured window. Durable commits on both storages: SQLite syncs its write-ahead log on every commit (`synchronous = FULL`), and the throwaway PostgreSQL 15 server on the same machine runs with `fsync`, `synchronous_commit` and `full_page_writes` on.");
            md.AppendLine();
            md.AppendLine("| storage | floor records/s | node events/s | ratio | commits | profile writes | node CPU | node CPU µs/event | node GCs (paused) | node B/event | commit in flight / loop waiting | lag mean (at bound) | stolen: floor before / node / floor after |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var i in r.Ingestion)
            {
                md.AppendLine(c, $"| {i.Storage} | {i.FloorEventsPerSecond:N0} ({i.FloorBefore:N0} before, {i.FloorAfter:N0} after) | {i.EventsPerSecond:N0} | {i.Ratio:P1} | {i.Commits:N0} | {i.ProfilesWritten:N0} | {i.NodeCpuPercent:F0}% | {i.NodeCpuPercent * 1e4 / Math.Max(1, i.EventsPerSecond):F1} | {i.NodeCollections} ({i.NodeGcPauseShare:P0} of the window) | {i.NodeBytesPerEvent:N0} | {i.NodeCommittingShare:P0} / {i.NodeCommitWaitShare:P0} | {i.MeanLag:N0} ({i.LagAtBoundShare:P0}) | {i.FloorStealBefore:P1} / {i.Steal:P1} / {i.FloorStealAfter:P1} |");
            }

            md.AppendLine();
            md.AppendLine("Node CPU µs/event: the node process's CPU time, all its threads, per applied event. Commit in flight: the share of the window storage was writing a commit while the node applied the next batch; loop waiting: the share the node's ingestion loop stood still for one. Lag: records produced and not yet consumed, sampled every 100 ms; at the bound (180,000 or more) the producer waits for the node, so the node is the bottleneck. Stolen: the share of the machine's time the hypervisor gave to other machines in each window (`/proc/stat`); a window with more stolen than the others had less of the machine.");
            md.AppendLine();
            md.AppendLine("Where the cores went in each window (Linux schedstat per thread: cores on a CPU / cores' worth of time runnable but waiting for one):");
            md.AppendLine();
            foreach (var i in r.Ingestion)
            {
                md.AppendLine(c, $"- {i.Storage}, node window: {IngestionBenchmark.Describe(i.Threads)}");
                md.AppendLine(c, $"- {i.Storage}, floor window: {IngestionBenchmark.Describe(i.FloorThreads)}");
            }

            md.AppendLine();
            md.AppendLine("![throughput over time](throughput.png)");
            md.AppendLine();
        }

        if (r.GetProfile is { } gp)
        {
            md.AppendLine("## GetProfile");
            md.AppendLine();
            md.AppendLine(c, $"{gp.Customers:N0} customers preloaded through Kafka with {gp.InteractionsPerCustomer} interactions and {gp.OpenTasksPerCustomer} open tasks each (this node writes snapshots 1 s after a change, and the runs start once every preloaded customer's snapshot is written, so no snapshot falls inside a measured run); the default (standard) view is {gp.ResponseBytes:N0} bytes. Maximum: h2load -c {H2Load.Clients} -m {H2Load.Streams} -t 1. After a warm-up of two runs of about {QueryBenchmark.WarmUpSeconds:F0} s per method (not counted), {gp.NoopRounds.Count} rounds each run GetProfile, the no-op and the sized no-op on the same server back to back, about {QueryBenchmark.RoundSeconds:F1} s each (sized from the warm-up's last rates), GetProfile and the no-op taking turns to go first and the sized no-op always between them. The sized no-op answers a bytes value of GetProfile's answer size, serialized once, as GetProfile's cached views are: it pays everything GetProfile's answer costs the server's HTTP/2 writes, both kernels and h2load, and none of GetProfile's own work (the request's customer id, the actor's lookup and turn, the view's check), so GetProfile's gap to the no-op splits into the two. The ratio is the median of the rounds' ratios, and each method's req/s is its median round, so the two medians may come from different rounds. Rounds this short mostly hold no collection, and a median leaves out the few that do; GetProfile allocates a little more per call than the no-op, so its share of collections is slightly understated.");
            md.AppendLine();
            md.AppendLine(c, $"Rounds, no-op req/s: {string.Join(", ", gp.NoopRounds.Select(x => x.ToString("N0", c)))}; sized no-op req/s: {string.Join(", ", gp.SizedRounds.Select(x => x.ToString("N0", c)))}; GetProfile req/s: {string.Join(", ", gp.GetProfileRounds.Select(x => x.ToString("N0", c)))}.");
            md.AppendLine();
            var realtime = gp.OpenLoop.Count > 0 && gp.OpenLoop[0].GeneratorRealtime
                ? "under the real-time FIFO scheduler, so its own wake-ups are not delayed behind the server's threads"
                : "at normal priority (the real-time scheduler was refused: its own late wake-ups count as latency)";
            md.AppendLine($"Open loop: requests sent at fixed intervals by the load tool's minimal HTTP/2 client (H2Connection: 2 connections, one thread that wakes every ~100 µs, reads the responses that arrived and sends the calls that came due since, in the load tool's process, {realtime}) over all customers; latency from each request's scheduled time (no coordinated omission). The no-op at the same offered rate with the same client is the latency floor. At 50 %, `SizedNoop` is the no-op answering GetProfile's answer size (as in the maximum's rounds), which splits GetProfile's tail into its answer's bytes and its own work, and `BareResponder` is the machine's floor: a responder with no server framework, in a process of its own, answering GetProfile's calls with the same stored response (one thread per connection that wakes once per read and sends the answers to every call it read in one write); its latency is what this client, loopback, scheduling and the hypervisor leave to a server on this machine that does almost nothing per call. Server CPU is the measured process's (the node, or the responder), machine busy counts every process, and stolen is the share of the machine's time the hypervisor gave to other machines during the run (`/proc/stat`).");
            md.AppendLine();
            md.AppendLine("| method | load | offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | dispatch lag p99 ms | server CPU | server µs/call | machine busy (stolen) | server GCs (pause) | server B/call | node profile writes |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var o in gp.OpenLoop)
            {
                md.AppendLine(c, $"| {o.Method} | {o.Fraction:P0} | {o.OfferedPerSecond:N0} | {o.AchievedPerSecond:N0} | {o.P50:F2} | {o.P99:F2} | {o.P999:F2} | {o.Max:F2} | {o.Errors} | {o.DispatchLagP99:F2} | {o.NodeCores:F2} cores | {o.NodeMicrosecondsPerCall:F1} | {o.MachineBusyCores:F2} cores ({o.MachineSteal:P1}) | {o.NodeCollections} ({o.NodeGcPauseMs:F0} ms) | {o.NodeBytesPerCall:N0} | {o.NodeProfileWrites:N0} |");
            }

            md.AppendLine();
            md.AppendLine("![latency percentiles](latency.png)");
            md.AppendLine();
        }

        if (r.Freshness is { } fr)
        {
            md.AppendLine("## Freshness");
            md.AppendLine();
            md.AppendLine(c, $"{fr.Watchers} WatchProfile subscribers (card view), opened 3 s after the open-loop runs so the node has drained their backlog; {fr.RatePerSecond:N0} events/s produced to their customers; time from handing each event to the producer to its update arriving at the subscriber: {fr.Samples:N0} samples, p50 {fr.P50:F2} ms, p99 {fr.P99:F2} ms, max {fr.Max:F2} ms.");
            md.AppendLine();
        }

        if (r.Memory is { } mem)
        {
            md.AppendLine("## Memory");
            md.AppendLine();
            md.AppendLine("One interaction event per distinct customer, SQLite storage, actors deactivated after 3 s idle; resident set size of the node process (its own process) after a full compacting GC.");
            md.AppendLine();
            md.AppendLine("| customers | RSS | managed heap | active actors | ingested by |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var p in mem.Points)
            {
                md.AppendLine(c, $"| {p.Customers:N0} | {Mib(p.RssBytes)} | {Mib(p.HeapBytes)} | {p.ActiveActors:N0} | {p.IngestSeconds:F0} s |");
            }

            md.AppendLine();
            md.AppendLine("![memory](memory.png)");
            md.AppendLine();
        }

        return md.ToString();
    }

    private static void WriteSeries(Results r, string directory)
    {
        var c = CultureInfo.InvariantCulture;
        var throughput = new StringBuilder("series,seconds,per_second\n");
        foreach (var i in r.Ingestion)
        {
            foreach (var s in i.FloorSeries)
            {
                throughput.AppendLine(c, $"floor ({i.Storage} run),{s.Seconds},{s.PerSecond:F0}");
            }

            foreach (var s in i.EngineSeries)
            {
                throughput.AppendLine(c, $"node {i.Storage},{s.Seconds},{s.PerSecond:F0}");
            }
        }

        File.WriteAllText(Path.Combine(directory, "throughput.csv"), throughput.ToString());
        var latency = new StringBuilder("series,percentile,ms\n");
        foreach (var o in r.GetProfile?.OpenLoop ?? [])
        {
            foreach (var p in o.Curve)
            {
                latency.AppendLine(c, $"{o.Method} {o.Fraction:P0},{p.Percentile},{p.Milliseconds}");
            }
        }

        foreach (var p in r.Freshness?.Curve ?? [])
        {
            latency.AppendLine(c, $"freshness,{p.Percentile},{p.Milliseconds}");
        }

        File.WriteAllText(Path.Combine(directory, "latency.csv"), latency.ToString());
        var memory = new StringBuilder("customers,rss_mib,heap_mib\n");
        foreach (var p in r.Memory?.Points ?? [])
        {
            memory.AppendLine(c, $"{p.Customers},{p.RssBytes / 1048576.0:F1},{p.HeapBytes / 1048576.0:F1}");
        }

        File.WriteAllText(Path.Combine(directory, "memory.csv"), memory.ToString());
    }

    private static string Yes(bool met) => met ? "yes" : "**no**";

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");
}
