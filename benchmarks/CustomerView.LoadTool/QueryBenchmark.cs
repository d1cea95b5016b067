using System.Collections.Concurrent;
using System.Diagnostics;
using CustomerView.Client;
using CustomerView.Contracts.V1;
using CustomerView.Grpc.Client;
using CustomerView.Kafka;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Task = System.Threading.Tasks.Task;

namespace CustomerView.LoadTool;

/// <summary>
/// GetProfile against a no-op unary method on the same server (maximum requests per second with h2load, then
/// open-loop latency at fixed fractions of the maximum), and freshness (produce → WatchProfile update).
/// </summary>
internal static class QueryBenchmark
{
    public const int Customers = 1_000;
    public const int Interactions = 200;
    public const int OpenTasks = 5;

    /// <summary>The warm-up of each method before the rounds, not counted: two runs of about this long each.</summary>
    public const double WarmUpSeconds = 2;

    /// <summary>
    /// Each method's run in a round. Short, so the two runs a round pairs see the same machine: its speed drifts over
    /// seconds (the no-op's req/s moved by up to 18 % between consecutive warm 4 s rounds in the 09:15 suite of 11-24),
    /// and many short pairs give the median of their ratios more to stand on than a few long ones.
    /// </summary>
    public const double RoundSeconds = 1.3;

    /// <summary>The open-loop method name of the no-op that answers GetProfile's answer size (<see cref="SizedAnswer"/>).</summary>
    public const string SizedNoop = "SizedNoop";

    /// <summary>The open-loop method name of the machine's floor (<see cref="BareResponder"/>).</summary>
    public const string Responder = "BareResponder";

    private const int Watchers = 20;
    private const double WatchedRate = 200;
    private static readonly double[] Fractions = [0.25, 0.50, 0.75];

    public static async Task<(GetProfileResult GetProfile, FreshnessResult Freshness)> RunAsync(Func<string, Task<Child>> startNode, string work, TimeSpan openLoopDuration, int rounds, double openRate, TextWriter log)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaOptions { Embedded = true });
        await using var node = await startNode(cluster.BootstrapServers!);
        using var producer = new LagBoundedProducer(cluster, 200_000);
        await PreloadAsync(node, producer, log);

        using var channel = GrpcChannel.ForAddress(node.Address);
        var client = new CustomerProfilesClient(channel);
        var request = new GetProfileRequest { CustomerId = Workload.CustomerId(1) };
        var sample = await client.GetProfileAsync(request);
        var answerSize = sample.CalculateSize();
        log.WriteLine($"  GetProfile response: {answerSize:N0} bytes, {sample.Profile.RecentInteractions.Count} interactions, {sample.Profile.Tasks.Count} tasks");

        var getBody = H2Load.WriteBody(request, work, "getprofile.bin");
        var noopBody = H2Load.WriteBody(new Empty(), work, "noop.bin");
        // h2load counts a gRPC error (HTTP 200 with a status in the trailers) as a success: a size the sized no-op cannot
        // answer fails here instead of measuring error answers.
        SizedAnswer.ValueLength((uint)answerSize);
        var sizedRequest = new UInt32Value { Value = (uint)answerSize };
        var sizedBody = H2Load.WriteBody(sizedRequest, work, "sized.bin");
        const string GetPath = "/customerview.v1.CustomerProfiles/GetProfile";
        const string NoopPath = "/customerview.bench.v1.Bench/Noop";
        const string SizedPath = "/customerview.bench.v1.Bench/Sized";

        // A first estimate of each side's rate, then a warm-up, not counted: the first seconds under load still run code
        // the runtime has not finished optimizing (tiered compilation with dynamic PGO, whose background compiles wait for
        // cores the load keeps busy), and rounds taken then measured the runtime's warm-up, the no-op most (70,271 req/s
        // in a suite's first round, 101,202–123,838 in its last three). Each warm-up run is sized from the rate of the run
        // before it, as the rounds are from the last one, so a method that speeds up is not cut short.
        var noopRate = await H2Load.RunAsync(node.Address, NoopPath, noopBody, 40_000);
        var sizedRate = await H2Load.RunAsync(node.Address, SizedPath, sizedBody, 40_000);
        var getRate = await H2Load.RunAsync(node.Address, GetPath, getBody, 40_000);
        for (var warm = 0; warm < 2; warm++)
        {
            noopRate = await H2Load.RunAsync(node.Address, NoopPath, noopBody, Requests(noopRate, WarmUpSeconds));
            sizedRate = await H2Load.RunAsync(node.Address, SizedPath, sizedBody, Requests(sizedRate, WarmUpSeconds));
            getRate = await H2Load.RunAsync(node.Address, GetPath, getBody, Requests(getRate, WarmUpSeconds));
        }

        log.WriteLine($"  warm-up (not counted): no-op {noopRate:N0} req/s, sized no-op {sizedRate:N0} req/s, GetProfile {getRate:N0} req/s at its end");
        var noopN = Requests(noopRate, RoundSeconds);
        var sizedN = Requests(sizedRate, RoundSeconds);
        var getN = Requests(getRate, RoundSeconds);
        var noopRuns = new List<H2LoadRound>();
        var sizedRuns = new List<H2LoadRound>();
        var getRuns = new List<H2LoadRound>();
        var noopRounds = new List<double>();
        var sizedRounds = new List<double>();
        var getRounds = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // The sized no-op runs between the other two, which take turns going first.
            if (round % 2 == 0)
            {
                noopRuns.Add(await H2Load.RunMeasuredAsync(node, NoopPath, noopBody, noopN));
                sizedRuns.Add(await H2Load.RunMeasuredAsync(node, SizedPath, sizedBody, sizedN));
                getRuns.Add(await H2Load.RunMeasuredAsync(node, GetPath, getBody, getN));
            }
            else
            {
                getRuns.Add(await H2Load.RunMeasuredAsync(node, GetPath, getBody, getN));
                sizedRuns.Add(await H2Load.RunMeasuredAsync(node, SizedPath, sizedBody, sizedN));
                noopRuns.Add(await H2Load.RunMeasuredAsync(node, NoopPath, noopBody, noopN));
            }

            noopRounds.Add(noopRuns[^1].Rate);
            sizedRounds.Add(sizedRuns[^1].Rate);
            getRounds.Add(getRuns[^1].Rate);

            log.WriteLine($"  round {round + 1}: no-op {noopRounds[^1]:N0} req/s, sized no-op {sizedRounds[^1]:N0} req/s ({sizedRounds[^1] / noopRounds[^1]:P1}), GetProfile {getRounds[^1]:N0} req/s ({getRounds[^1] / noopRounds[^1]:P1})");
        }

        if (Environment.GetEnvironmentVariable("CV_HOLD") is { Length: > 0 } hold)
        {
            // Diagnostics: keeps the node up after the rounds, for h2load or perf by hand, until the file is removed.
            await File.WriteAllTextAsync(hold, $"{node.Address} {getBody} {noopBody} {sizedBody}\n");
            log.WriteLine($"  holding: {node.Address}; remove {hold} to go on");
            while (File.Exists(hold))
            {
                await Task.Delay(500);
            }
        }

        var ratios = new List<double>();
        var sizedRatios = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            ratios.Add(getRounds[i] / noopRounds[i]);
            sizedRatios.Add(sizedRounds[i] / noopRounds[i]);
        }

        var getMax = Median(getRounds);
        // The open-loop client (H2Connection, a few connections) counts responses without parsing them, so its own
        // cost stays small next to the server's; both methods are called the same way.
        var getBodies = new List<byte[]>();
        for (var i = 0; i < Customers; i++)
        {
            getBodies.Add(H2Load.Frame(new GetProfileRequest { CustomerId = Workload.CustomerId(i) }));
        }

        List<byte[]> noopBodies = [H2Load.Frame(new Empty())];
        List<byte[]> sizedBodies = [H2Load.Frame(sizedRequest)];
        var openLoop = new List<OpenLoopResult>();

        // The machine's floor at 50 %: a responder with no server framework answering GetProfile's calls with the same
        // stored response, in a process of its own, with the same client (BareResponder).
        var responseFile = Path.Combine(work, "getprofile-response.bin");
        await File.WriteAllBytesAsync(responseFile, sample.ToByteArray());
        await using var responder = await Child.StartAsync("responder", ["--message", responseFile]);
        foreach (var fraction in Fractions)
        {
            // --open-rate fixes the 50 % rate (the others scale from it), to compare settings at one offered load.
            var rate = openRate > 0 ? openRate * fraction * 2 : getMax * fraction;
            openLoop.Add(await OpenLoopAsync(node, "GetProfile", GetPath, getBodies, fraction, rate, openLoopDuration, log));
            openLoop.Add(await OpenLoopAsync(node, "Noop", NoopPath, noopBodies, fraction, rate, openLoopDuration, log));
            if (fraction == 0.5)
            {
                openLoop.Add(await OpenLoopAsync(node, SizedNoop, SizedPath, sizedBodies, fraction, rate, openLoopDuration, log));
                openLoop.Add(await OpenLoopAsync(responder, Responder, GetPath, getBodies, fraction, rate, openLoopDuration, log));
            }
        }

        var getProfile = new GetProfileResult(answerSize, Customers, Interactions, OpenTasks, noopRounds, getRounds, Median(noopRounds), getMax, Median(ratios), openLoop)
        {
            SizedRounds = sizedRounds,
            SizedMax = Median(sizedRounds),
            CallCpu = new MaximumCallCpu(
                Median(noopRuns.ConvertAll(r => r.NodeMicroseconds)), Median(noopRuns.ConvertAll(r => r.ClientMicroseconds)),
                Median(sizedRuns.ConvertAll(r => r.NodeMicroseconds)), Median(sizedRuns.ConvertAll(r => r.ClientMicroseconds)),
                Median(getRuns.ConvertAll(r => r.NodeMicroseconds)), Median(getRuns.ConvertAll(r => r.ClientMicroseconds))),
            SizedRoundRatio = Median(sizedRatios),
        };
        var freshness = await FreshnessAsync(client, producer, log);
        return (getProfile, freshness);
    }

    private static async Task PreloadAsync(Child node, LagBoundedProducer producer, TextWriter log)
    {
        var workload = new Workload("q" + Guid.NewGuid().ToString("N")[..6], seed: 3);
        var perCustomer = Interactions + OpenTasks + 1;
        var index = 0;
        producer.Start(() =>
        {
            if (index >= Customers * perCustomer)
            {
                return null;
            }

            var i = index++;
            var customer = i % Customers;
            var step = i / Customers;
            return step < OpenTasks ? workload.Task(customer, step) : workload.Interaction(customer);
        });
        var clock = Stopwatch.StartNew();
        long total = Customers * perCustomer;
        while (true)
        {
            var stats = await node.StatsAsync();
            producer.Consumed(stats.Consumed);
            if (stats.Consumed >= total)
            {
                break;
            }

            await Task.Delay(100);
        }

        producer.Join();
        log.WriteLine($"  preloaded {Customers:N0} customers × {perCustomer} events in {clock.Elapsed.TotalSeconds:F1} s");

        // Settled: every preloaded customer's snapshot written (the node runs with a 1 s snapshot age here).
        var settling = Stopwatch.StartNew();
        while ((await node.StatsAsync()).ProfilesWritten < Customers && settling.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        await Task.Delay(500);
    }

    private static async Task<OpenLoopResult> OpenLoopAsync(
        Child node, string method, string path, IReadOnlyList<byte[]> bodies, double fraction, double rate, TimeSpan duration, TextWriter log)
    {
        // A short warm-up at the same rate on the same connections, then the measured run, with the node's CPU and GC
        // counted over the measured run only.
        ChildStats? before = null;
        var machineBefore = default(MachineTime);
        var clock = new Stopwatch();
        var (latency, lag, achieved, errors) = await OpenLoop.RunAsync(node.Address, path, bodies, rate, duration, TimeSpan.FromSeconds(1), async () =>
        {
            before = await node.StartSamplingAsync();
            machineBefore = MachineTime.Read();
            clock.Start();
        });
        var machine = MachineTime.Read();
        var after = await node.StatsAsync();
        var result = new OpenLoopResult(method, fraction, Math.Round(rate), Math.Round(achieved), errors,
            latency.PercentileMs(50), latency.PercentileMs(99), latency.PercentileMs(99.9), latency.MaxMs, lag.PercentileMs(99), Curve(latency))
        {
            NodeCores = (after.CpuMs - before!.CpuMs) / clock.Elapsed.TotalMilliseconds,
            GeneratorRealtime = OpenLoop.Realtime,
            NodeCollections = after.Collections - before.Collections,
            NodeGcPauseMs = after.GcPauseMs - before.GcPauseMs,
            NodeBytesPerCall = (after.Allocated - before.Allocated) / Math.Max(1, achieved * clock.Elapsed.TotalSeconds),
            NodeProfileWrites = after.ProfilesWritten - before.ProfilesWritten,
            MachineBusyCores = machine.BusyCoresSince(machineBefore),
            MachineSteal = machine.StealSince(machineBefore),
        };
        log.WriteLine($"  open loop {method} at {fraction:P0} ({rate:N0}/s): p50 {result.P50:F3} ms, p99 {result.P99:F3} ms, p99.9 {result.P999:F3} ms, errors {errors}, dispatch lag p99 {result.DispatchLagP99:F3} ms; machine {result.MachineBusyCores:F2} cores busy, {result.MachineSteal:P1} stolen; server {result.NodeCores:F2} cores ({result.NodeMicrosecondsPerCall:F1} µs per call), {result.NodeCollections} GCs, {result.NodeGcPauseMs:F0} ms paused, {result.NodeBytesPerCall:N0} B allocated per call, {result.NodeProfileWrites} profiles written");
        return result;
    }

    private static async Task<FreshnessResult> FreshnessAsync(CustomerProfilesClient client, LagBoundedProducer producer, TextWriter log)
    {
        var duration = TimeSpan.FromSeconds(10);
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latency = new Histogram();
        using var stop = new CancellationTokenSource();
        var readers = new List<Task>();
        var calls = new List<ServerStreamingCall<ProfileUpdate>>();
        for (var i = 0; i < Watchers; i++)
        {
            var call = client.WatchProfile(new WatchProfileRequest { CustomerId = Workload.CustomerId(i), View = ProfileView.Card });
            calls.Add(call);
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    await foreach (var update in call.ReadAllAsync(stop.Token))
                    {
                        var now = Stopwatch.GetTimestamp();
                        if (update.EventId.Length > 0 && sent.TryRemove(update.EventId, out var at))
                        {
                            latency.RecordStopwatchTicks(now - at);
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or Grpc.RpcException or IOException or HttpRequestException)
                {
                }
            }));
        }

        // The open-loop runs before end by overloading the node (75 % of the h2load maximum is past what it serves next
        // to the open-loop client); let it drain its backlog first, so this measures steady-state propagation.
        await Task.Delay(3000);
        var workload = new Workload("f" + Guid.NewGuid().ToString("N")[..6], seed: 9);
        var total = (int)(WatchedRate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / WatchedRate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            var e = workload.Interaction(i % Watchers);
            sent[e.Id.Value] = Stopwatch.GetTimestamp();
            producer.ProduceNow(e);
        }

        var deadline = Stopwatch.StartNew();
        while (latency.Count < total && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        foreach (var call in calls)
        {
            call.Dispose();
        }

        await Task.WhenAll(readers);
        var result = new FreshnessResult(Watchers, (int)latency.Count, WatchedRate, latency.PercentileMs(50), latency.PercentileMs(99), latency.MaxMs, Curve(latency));
        log.WriteLine($"  freshness: {result.Samples}/{total} updates, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, max {result.Max:F2} ms");
        return result;
    }

    /// <summary>Requests for about <paramref name="seconds"/> at <paramref name="rate"/>.</summary>
    private static int Requests(double rate, double seconds) => (int)Math.Max(10_000, Math.Round(rate * seconds / 1000) * 1000);

    private static List<LatencyPoint> Curve(Histogram histogram)
    {
        var points = new List<LatencyPoint>();
        foreach (var p in new[] { 0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100 })
        {
            points.Add(new LatencyPoint(p, histogram.PercentileMs(p == 0 ? 0.0001 : p)));
        }

        return points;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
