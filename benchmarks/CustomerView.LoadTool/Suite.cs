using System.Diagnostics;
using CustomerView.Testing;

namespace CustomerView.LoadTool;

/// <summary>Runs the chosen benchmarks, each beside its floor, and writes the report.</summary>
internal static class Suite
{
    /// <summary>
    /// The runtime settings a node runs with, as <c>eng/run.sh</c> starts one: a first-generation budget of 256 MiB per
    /// GC heap (<c>DOTNET_GCgen0size</c>, read only from the environment). With the default budget the collector ran
    /// 13–15 times in a 20 s ingestion window and paused the node 2.0–2.5 s, most of it scanning the profiles that
    /// got new references since the last collection (the same ~100,000 each time); with this budget it runs 3 times.
    /// A SQLite node's sockets complete on the socket engine's threads (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>,
    /// see <see cref="InlineCompletions"/>), which run gRPC's HTTP/2 loops (<c>NodeSettings.InlineSocketScheduling</c>).
    /// The bare-consumer floor gets the same settings. An environment variable already set wins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NodeEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "0x10000000",
        [InlineCompletions] = Environment.GetEnvironmentVariable(InlineCompletions) ?? "1",
    };

    /// <summary>
    /// The runtime's switch for inline socket completions, set as <c>eng/run.sh</c> sets it: on for a SQLite node, off
    /// for a PostgreSQL one, whose driver's replies would then complete on the socket engine's threads too (paired
    /// ingestion runs at 19:05–19:20 on 11-24: 68,019 and 75,310 events/s with it, 84,253 and 86,399 without).
    /// </summary>
    public const string InlineCompletions = Node.NodeSettings.InlineCompletionsVariable;

    /// <summary><see cref="NodeEnvironment"/> for a node on <paramref name="storage"/>.</summary>
    public static IReadOnlyDictionary<string, string> NodeEnvironmentFor(string storage) =>
        storage == "sqlite" || Environment.GetEnvironmentVariable(InlineCompletions) is not null
            ? NodeEnvironment
            : new Dictionary<string, string>(NodeEnvironment) { [InlineCompletions] = "0" };

    public static async Task<int> RunAsync(string what, Arguments args)
    {
        var storages = args.Get("storage", "sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var output = Path.GetFullPath(Path.Combine(args.Get("out", "benchmarks/results"), "latest"));
        var quick = args.Has("quick");
        var seconds = TimeSpan.FromSeconds(args.GetDouble("seconds", quick ? 8 : 20));
        var customers = (int)args.GetDouble("customers", quick ? 200_000 : 1_000_000);
        Directory.CreateDirectory(output);
        var work = Directory.CreateTempSubdirectory("cv-load-").FullName;
        var log = Console.Out;
        var results = new Results();
        var clock = Stopwatch.StartNew();
        PostgresServer? postgres = null;
        try
        {
            if (what is "all" or "ingestion")
            {
                foreach (var storage in storages)
                {
                    string? connection = null;
                    if (storage == "postgres")
                    {
                        // Durable: fsync and synchronous commit on, as SQLite's writer syncs every commit.
                        postgres = new PostgresServer { Durable = true };
                        await postgres.InitializeAsync();
                        connection = await postgres.CreateDatabaseAsync();
                    }

                    results.Ingestion.Add(await IngestionBenchmark.RunAsync(
                        storage,
                        bootstrap => StartNode(bootstrap, storage, Path.Combine(work, "ingest-" + storage), connection, idleSeconds: 300),
                        bootstrap => Child.StartAsync("floor", ["--bootstrap", bootstrap, "--group", "floor-" + Guid.NewGuid().ToString("N")[..8]], NodeEnvironment),
                        seconds,
                        log));
                }
            }

            if (what is "all" or "query")
            {
                log.WriteLine("GetProfile and freshness (sqlite):");
                (results.GetProfile, results.Freshness) = await QueryBenchmark.RunAsync(
                    // Snapshots 1 s after a change, so the preload's snapshots are written before the reads are measured
                    // (with the default 30 s they came of age in the middle of an open-loop run).
                    bootstrap => StartNode(bootstrap, "sqlite", Path.Combine(work, "query"), null, idleSeconds: 300, snapshotSeconds: 1),
                    work,
                    TimeSpan.FromSeconds(quick ? 5 : 10),
                    rounds: (int)args.GetDouble("rounds", quick ? 6 : 16),
                    args.GetDouble("open-rate", 0),
                    log);
            }

            if (what is "all" or "memory")
            {
                int[] checkpoints = customers >= 1_000_000
                    ? [100_000, 250_000, 500_000, 750_000, customers]
                    : [customers / 10, customers / 4, customers / 2, customers];
                results.Memory = await MemoryBenchmark.RunAsync(
                    bootstrap => StartNode(bootstrap, "sqlite", Path.Combine(work, "memory"), null, idleSeconds: 3),
                    checkpoints,
                    log);
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }

        results.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds);
        Report.Write(results, output);
        log.WriteLine($"report: {Path.Combine(output, "report.md")} ({results.DurationSeconds} s)");
        return 0;
    }

    private static Task<Child> StartNode(string bootstrap, string storage, string data, string? connection, double idleSeconds, double snapshotSeconds = 30)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        List<string> args =
        [
            "--bootstrap", bootstrap, "--group", "node-" + Guid.NewGuid().ToString("N")[..8], "--storage", storage,
            "--data", data + "-" + Guid.NewGuid().ToString("N")[..6], "--idle-seconds", idleSeconds.ToString(c),
            "--snapshot-seconds", snapshotSeconds.ToString(c),
        ];
        if (connection is not null)
        {
            args.AddRange(["--pg", connection]);
        }

        return Child.StartAsync("node", args, NodeEnvironmentFor(storage));
    }
}
