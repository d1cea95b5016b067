using System.Diagnostics;
using System.Globalization;
using CustomerView.Engine;
using CustomerView.Grpc.Server;
using CustomerView.Kafka;
using CustomerView.LoadTool.V1;
using CustomerView.Node;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerView.LoadTool;

/// <summary>
/// What runs in a child process, so the measured side has a process (heap, RSS, GC) of its own: a node
/// (<c>node</c>), the bare-consumer floor (<c>floor</c>) or the open loop's bare responder (<c>responder</c>). All answer <c>stats</c>, <c>gc</c> and <c>quit</c> on stdin.
/// </summary>
internal static class ChildHost
{
    private static readonly Task<Empty> EmptyResponse = System.Threading.Tasks.Task.FromResult(new Empty());

    private static GrpcHttp2Server Http2ServerFromEnvironment() =>
        string.Equals(Environment.GetEnvironmentVariable("GRPC_HTTP2_SERVER"), "kestrel", StringComparison.OrdinalIgnoreCase)
            ? GrpcHttp2Server.Kestrel
            : GrpcHttp2Server.CustomerView;

    public static async Task<int> RunNodeAsync(Arguments args)
    {
        var settings = new NodeSettings
        {
            DataDirectory = args.Get("data", "data"),
            Kafka = new KafkaOptions { BootstrapServers = args.Get("bootstrap"), ConsumerGroupId = args.Get("group"), FetchWait = KafkaOptions.MockBrokerFetchWait },
            Storage = new StorageSettings { Provider = args.Get("storage", "sqlite"), ConnectionString = args.GetOrNull("pg") },
            // GRPC_HTTP2_SERVER=kestrel serves gRPC with Kestrel's HTTP/2, for paired comparisons with CustomerView's.
            Grpc = [new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0, Http2Server = Http2ServerFromEnvironment() }],
            Engine = new EngineOptions
            {
                NodeId = "loadtool",
                SnapshotAfter = TimeSpan.FromSeconds(args.GetDouble("snapshot-seconds", 30)),
                Actors = new Actors.ActorTableOptions
                {
                    IdleTimeout = TimeSpan.FromSeconds(args.GetDouble("idle-seconds", 300)),
                    SweepInterval = TimeSpan.FromSeconds(Math.Min(10, args.GetDouble("idle-seconds", 300))),
                },
            },
            Demo = new DemoSettings { Enabled = false },
        };
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("CustomerView.Audit", LogLevel.None));
        await using var node = await CustomerViewNode.StartAsync(settings, loggers, grpc => grpc.AddService(
            BenchReflection.Descriptor.Services[0],
            service => service
                .MapUnary<Empty, Empty>("Noop", static (_, _) => EmptyResponse)
                .MapSerializedUnary<UInt32Value, BytesValue>("Sized", static (request, _) => SizedAnswer.For(request.Value))), CancellationToken.None);
        Console.WriteLine($"READY {node.GrpcAddresses[0].Port}");
        await ServeAsync(() =>
        {
            var s = node.Engine.Statistics.Snapshot();
            return string.Create(CultureInfo.InvariantCulture, $"{s.Consumed} {s.Applied} {s.Commits} {s.ProfilesWritten} {node.Engine.ActiveActors} {s.Committing.TotalMilliseconds:F0} {s.WaitingForCommits.TotalMilliseconds:F0} {s.DeadLettered}");
        });
        return 0;
    }

    public static async Task<int> RunFloorAsync(Arguments args)
    {
        KafkaNative.EnsureInitialized();
        var kafka = new KafkaOptions { BootstrapServers = args.Get("bootstrap"), ConsumerGroupId = args.Get("group"), FetchWait = KafkaOptions.MockBrokerFetchWait };
        long consumed = 0;
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() =>
        {
            // The same client, settings and read path as the node's engine (records read in place, in batches of 512).
            using var consumer = KafkaClients.CreateConsumerBuilder(kafka, NullLogger.Instance).Build();
            using var reader = RecordBatchReader.Create(consumer, kafka.Topics, 512);
            consumer.Subscribe(kafka.Topics);
            while (!stop.IsCancellationRequested)
            {
                var count = reader.Fetch(TimeSpan.FromMilliseconds(100));
                if (count > 0)
                {
                    Interlocked.Add(ref consumed, count);
                }
            }

            reader.Release();
            consumer.Close();
        })
        { IsBackground = true, Name = "floor-consumer" };
        thread.Start();
        Console.WriteLine("READY 0");
        await ServeAsync(() => $"{Interlocked.Read(ref consumed)} {Interlocked.Read(ref consumed)} 0 0 0 0 0 0");
        await stop.CancelAsync();
        thread.Join();
        return 0;
    }

    /// <summary>The open loop's machine floor (<see cref="BareResponder"/>), answering every call with the message in <c>--message</c>.</summary>
    public static async Task<int> RunResponderAsync(Arguments args)
    {
        using var responder = new BareResponder(await File.ReadAllBytesAsync(args.Get("message")));
        Console.WriteLine($"READY {responder.Port}");
        await ServeAsync(() => string.Create(CultureInfo.InvariantCulture, $"{responder.Answered} {responder.Answered} 0 0 0 0 0 0"));
        return 0;
    }

    /// <summary>
    /// Resident memory, from <c>/proc/self/statm</c> where there is one: <see cref="Process.WorkingSet64"/> after a
    /// refresh reads every thread's stat file too, which, ten times a second inside measured windows, cost the node
    /// about 1 % of its CPU.
    /// </summary>
    private static long ResidentBytes(Process process)
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    private static async Task ServeAsync(Func<string> stats)
    {
        using var process = Process.GetCurrentProcess();
        using var sampler = Environment.GetEnvironmentVariable("CV_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line)
            {
                case "gc":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    goto case "stats";
                case "stats":
                    // Not the precise total: it suspends the runtime, and stats are read every 100 ms inside measured
                    // windows. Under DATAS (server GC's default) the total can fall when the heap count shrinks
                    // (dotnet/runtime#131069), so a short run's bytes per call are approximate.
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"STATS {stats()} {ResidentBytes(process)} {GC.GetGCMemoryInfo().HeapSizeBytes} {process.TotalProcessorTime.TotalMilliseconds:F0} {GC.CollectionCount(0)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:F1} {GC.GetTotalAllocatedBytes()}"));
                    break;
                case "sample":
                    sampler?.Start();
                    goto case "stats";
                case "quit":
                    sampler?.Report(40);
                    return;
            }
        }
    }
}
