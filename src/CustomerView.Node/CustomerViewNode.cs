using System.Globalization;
using System.Net;
using CustomerView.Api;
using CustomerView.Engine;
using CustomerView.Grpc.Server;
using CustomerView.Kafka;
using CustomerView.Storage;
using CustomerView.Storage.Postgres;
using CustomerView.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CustomerView.Node;

/// <summary>
/// A running CustomerView node: (optionally) an embedded Kafka, the store, the ingestion engine and the gRPC API.
/// <see cref="StartAsync(NodeSettings, ILoggerFactory, CancellationToken)"/> brings them up in order; <see cref="DisposeAsync"/> shuts them down gracefully
/// (in-flight calls finish, applied events are committed, the consumer group is left).
/// </summary>
public sealed partial class CustomerViewNode : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly List<Func<ValueTask>> _shutdown = [];
    private Action<GrpcServerBuilder>? _configureGrpc;

    private CustomerViewNode(NodeSettings settings, ILoggerFactory loggers)
    {
        Settings = settings;
        Loggers = loggers;
        _logger = loggers.CreateLogger("CustomerView.Node");
    }

    /// <summary>The settings the node runs with (with the embedded cluster's address filled in).</summary>
    public NodeSettings Settings { get; private set; }

    /// <summary>The logger factory.</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>The embedded Kafka, when the node runs one.</summary>
    public EmbeddedKafkaCluster? EmbeddedKafka { get; private set; }

    /// <summary>The store.</summary>
    public IProfileStore Store { get; private set; } = null!;

    /// <summary>The ingestion engine.</summary>
    public IngestionEngine Engine { get; private set; } = null!;

    /// <summary>Where gRPC listens (http:// for h2c, https:// for TLS).</summary>
    public IReadOnlyList<Uri> GrpcAddresses { get; private set; } = [];

    /// <summary>Starts a node.</summary>
    public static Task<CustomerViewNode> StartAsync(NodeSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        StartAsync(settings, loggers, configureGrpc: null, cancellationToken);

    /// <summary>Starts a node that also serves the extra gRPC services <paramref name="configureGrpc"/> registers (benchmarks, tools).</summary>
    public static async Task<CustomerViewNode> StartAsync(NodeSettings settings, ILoggerFactory loggers, Action<GrpcServerBuilder>? configureGrpc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var node = new CustomerViewNode(settings, loggers) { _configureGrpc = configureGrpc };
        try
        {
            await node.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _shutdown.Count - 1; i >= 0; i--)
        {
            try
            {
                await _shutdown[i]().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ShutdownStepFailed(_logger, ex);
            }
        }

        _shutdown.Clear();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        KafkaNative.EnsureInitialized();
        var kafka = Settings.Kafka;
        if (Settings.UsesEmbeddedKafka)
        {
            kafka = kafka with { Embedded = true };
            EmbeddedKafka = EmbeddedKafkaCluster.Start(kafka);
            _shutdown.Add(() =>
            {
                EmbeddedKafka.Dispose();
                return ValueTask.CompletedTask;
            });
            kafka = kafka with { BootstrapServers = EmbeddedKafka.BootstrapServers };
            Log.EmbeddedKafka(_logger, EmbeddedKafka.BootstrapServers, kafka.Topics.Count, kafka.EmbeddedPartitions);
        }

        Settings = Settings with { Kafka = kafka };
        Store = await OpenStoreAsync(cancellationToken).ConfigureAwait(false);
        _shutdown.Add(() => Store.DisposeAsync());

        Engine = new IngestionEngine(Settings.Engine, kafka, Store, Loggers.CreateLogger<IngestionEngine>());
        _shutdown.Add(() => Engine.DisposeAsync());
        await Engine.StartAsync(cancellationToken).ConfigureAwait(false);

        await StartGrpcAsync(cancellationToken).ConfigureAwait(false);
        StartDemo();
    }

    private async Task<IProfileStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var progress = new Progress<string>(line => Log.Migration(_logger, line));
        var storage = Settings.Storage;
        IProfileStore store;
        if (string.Equals(storage.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                throw new InvalidOperationException("Storage:Provider is 'postgres' but Storage:ConnectionString is not set.");
            }

            store = PostgresProfileStore.Create(new PostgresStoreOptions(storage.ConnectionString) { LoggerFactory = Loggers });
            Log.Storage(_logger, "PostgreSQL", new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString) { Password = null }.ToString());
        }
        else if (string.Equals(storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetFullPath(Settings.DataDirectory);
            store = await SqliteProfileStore.OpenAsync(new SqliteStoreOptions(directory) { LoggerFactory = Loggers }, progress, cancellationToken).ConfigureAwait(false);
            Log.Storage(_logger, "SQLite", directory);
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not 'sqlite' or 'postgres'.");
        }

        try
        {
            await store.MigrateAsync(progress, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartGrpcAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new WebHostLoggerFactory(Loggers));
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton<IGrpcInterceptor, CallerInterceptor>();
        builder.Services.AddSingleton<IAccessAudit, LoggingAccessAudit>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(Settings.Grpc));
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = Settings.InlineSocketScheduling ?? NodeSettings.SocketsCompleteInline);
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(10));
        var app = builder.Build();
        var audit = app.Services.GetRequiredService<IAccessAudit>();
        app.UseGrpcServer(grpc =>
        {
            grpc.AddHealth()
                .AddReflection()
                .AddCustomerProfiles(Engine.Queries, Settings.Engine.Profiles.Identifiers, audit);
            _configureGrpc?.Invoke(grpc);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _shutdown.Add(async () =>
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        });

        if (Settings.PinSocketThreads)
        {
            // The engine's threads start with the listeners' first accepts; a moment after start at the latest.
            var pinned = SocketThreadAffinity.PinEngineThreads();
            for (var attempt = 0; attempt < 20 && pinned.Count == 0 && OperatingSystem.IsLinux(); attempt++)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                pinned = SocketThreadAffinity.PinEngineThreads();
            }

            Log.SocketThreadsPinned(_logger, pinned.Count, string.Join(", ", pinned.Select(static p => string.Create(CultureInfo.InvariantCulture, $"{p.Thread} on CPU {p.Cpu}"))));
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var uris = new List<Uri>();
        foreach (var address in addresses)
        {
            uris.Add(new Uri(address.Replace("0.0.0.0", IPAddress.Loopback.ToString(), StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal)));
        }

        GrpcAddresses = uris;
        foreach (var uri in uris)
        {
            Log.GrpcListening(_logger, uri);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(23, LogLevel.Information, "Socket engine threads kept on CPUs of their own: {Count} ({Threads})")]
        public static partial void SocketThreadsPinned(ILogger logger, int count, string threads);

        [LoggerMessage(1, LogLevel.Information, "Embedded Kafka (librdkafka mock cluster) at {Bootstrap}: {Topics} channel topics with {Partitions} partitions each")]
        public static partial void EmbeddedKafka(ILogger logger, string bootstrap, int topics, int partitions);

        [LoggerMessage(2, LogLevel.Information, "Storage: {Kind} at {Where}")]
        public static partial void Storage(ILogger logger, string kind, string where);

        [LoggerMessage(3, LogLevel.Information, "Migration: {Line}")]
        public static partial void Migration(ILogger logger, string line);

        [LoggerMessage(4, LogLevel.Information, "gRPC listening on {Address}")]
        public static partial void GrpcListening(ILogger logger, Uri address);

        [LoggerMessage(5, LogLevel.Error, "A shutdown step failed")]
        public static partial void ShutdownStepFailed(ILogger logger, Exception exception);
    }
}
