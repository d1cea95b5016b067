using CustomerView.Engine;
using CustomerView.Grpc.Server;
using CustomerView.Kafka;

namespace CustomerView.Node;

/// <summary>Everything a node is configured with (appsettings.json, then CUSTOMERVIEW_-prefixed environment variables, then the command line).</summary>
public sealed record NodeSettings
{
    /// <summary>Where local state (the SQLite file) lives.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>Kafka: brokers to join, or an embedded mock cluster (the default when no brokers are given).</summary>
    public KafkaOptions Kafka { get; init; } = new() { Embedded = true };

    /// <summary>Where profiles and offsets are kept.</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>Where gRPC listens.</summary>
    public IReadOnlyList<GrpcEndpointOptions> Grpc { get; init; } = [DefaultEndpoint];

    /// <summary>
    /// Whether a connection's reads and writes run on the thread that completed the socket operation instead of being
    /// handed to the thread pool (Kestrel's <c>UnsafePreferInlineScheduling</c>). By default (null), when sockets complete
    /// inline too (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, read by the runtime only from the environment,
    /// which <c>eng/run.sh</c> sets for a SQLite node): then the socket engine's own thread runs gRPC's HTTP/2 loop. The
    /// loop answers a call from an active actor without blocking, and a read that needs storage leaves it first and
    /// returns to the thread pool after each storage round trip, so it runs nothing that blocks; each hand-over saved
    /// would otherwise wake a pool thread (a quarter to a third of the node's CPU per call at 42,000 calls/s,
    /// benchmarks/RESULTS.md). A PostgreSQL node runs without both: its driver's replies would complete on the socket
    /// engine's threads too, and its ingestion was 15–20 % slower so.
    /// </summary>
    public bool? InlineSocketScheduling { get; init; }

    /// <summary>
    /// Whether each of the socket engine's threads is kept on a CPU of its own (Linux; <c>SocketThreadAffinity</c>), for
    /// a node whose HTTP/2 loops run on those threads (sockets completing inline): the scheduler now and then queues two
    /// loops on one CPU for milliseconds while another stands idle. Off by default: on the 2-core benchmark machine,
    /// shared with the load and Kafka, it lowered GetProfile's p99 in two paired runs and not in the suite
    /// (benchmarks/RESULTS.md), and a pinned loop cannot leave a CPU that other work crowds.
    /// </summary>
    public bool PinSocketThreads { get; init; }

    /// <summary>The runtime's environment variable that makes sockets complete inline ("1" or "true").</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether the process's sockets complete inline (<see cref="InlineCompletionsVariable"/>).</summary>
    internal static bool SocketsCompleteInline => Environment.GetEnvironmentVariable(InlineCompletionsVariable) is "1" or "true";

    /// <summary>The engine's bounds and timings.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>Demo traffic played into the (embedded) Kafka.</summary>
    public DemoSettings Demo { get; init; } = new();

    /// <summary>The gRPC endpoint when none is configured.</summary>
    public static GrpcEndpointOptions DefaultEndpoint { get; } = new() { Address = "127.0.0.1", Port = 50051 };

    /// <summary>
    /// Reads settings from configuration. Lists (gRPC endpoints, topics) replace the defaults instead of being appended
    /// to them, which is what the configuration binder would do.
    /// </summary>
    public static NodeSettings From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<NodeSettings>(configuration) ?? new NodeSettings();
        var endpoints = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<GrpcEndpointOptions[]>(configuration.GetSection("Grpc"));
        var topics = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<string[]>(configuration.GetSection("Kafka:Topics"));
        return settings with
        {
            Grpc = endpoints is { Length: > 0 } ? endpoints : [DefaultEndpoint],
            Kafka = topics is { Length: > 0 } ? settings.Kafka with { Topics = topics } : settings.Kafka,
        };
    }

    /// <summary>Whether the embedded mock cluster runs (no brokers configured).</summary>
    public bool UsesEmbeddedKafka => Kafka.Embedded || string.IsNullOrWhiteSpace(Kafka.BootstrapServers);
}

/// <summary>Storage settings.</summary>
public sealed record StorageSettings
{
    /// <summary>"sqlite" (single node, the default) or "postgres" (clusters).</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Provider"/> is "postgres".</summary>
    public string? ConnectionString { get; init; }
}

/// <summary>Demo traffic settings.</summary>
public sealed record DemoSettings
{
    /// <summary>Whether to play demo journeys; by default only with the embedded Kafka.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Customers to play journeys for.</summary>
    public int Customers { get; init; } = 500;

    /// <summary>Events per second (0 = as fast as possible).</summary>
    public double EventsPerSecond { get; init; } = 200;

    /// <summary>Seed, so runs are reproducible.</summary>
    public int Seed { get; init; } = 7;
}
