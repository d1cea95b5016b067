using CustomerView.Client;
using CustomerView.Contracts.Events;
using CustomerView.Contracts.V1;
using CustomerView.Domain.Events;
using CustomerView.Engine;
using CustomerView.Grpc.Client;
using CustomerView.Grpc.Server;
using CustomerView.Kafka;
using CustomerView.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace CustomerView.Integration.Tests;

/// <summary>Where a test node keeps its state.</summary>
/// <param name="Provider">"sqlite" or "postgres".</param>
/// <param name="DataDirectory">The SQLite folder.</param>
/// <param name="ConnectionString">The PostgreSQL database.</param>
public sealed record StorageSetup(string Provider, string DataDirectory, string? ConnectionString);

/// <summary>A real node (engine, store, gRPC on a loopback port) over a Kafka mock cluster the test owns.</summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly EngineOptions FastEngine = new()
    {
        NodeId = "test-node",
        MaxBatchDelay = TimeSpan.FromMilliseconds(20),
        DueWorkInterval = TimeSpan.FromMilliseconds(200),
    };

    private TestNode(CustomerViewNode node)
    {
        Node = node;
        Channel = GrpcChannel.ForAddress(node.GrpcAddresses[0]);
        Client = new CustomerProfilesClient(Channel);
    }

    public CustomerViewNode Node { get; }

    public GrpcChannel Channel { get; }

    public CustomerProfilesClient Client { get; }

    public IngestionEngine Engine => Node.Engine;

    public static KafkaOptions Kafka(EmbeddedKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        ConsumerGroupId = "it-" + Guid.NewGuid().ToString("N")[..8],
    };

    public static async Task<TestNode> StartAsync(EmbeddedKafkaCluster cluster, StorageSetup storage, string groupId, EngineOptions? engine = null, ILoggerFactory? loggerFactory = null)
    {
        var settings = new NodeSettings
        {
            DataDirectory = storage.DataDirectory,
            Kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers, ConsumerGroupId = groupId },
            Storage = new StorageSettings { Provider = storage.Provider, ConnectionString = storage.ConnectionString },
            Grpc = [new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0 }],
            Engine = engine ?? FastEngine,
            Demo = new DemoSettings { Enabled = false },

            // As eng/run.sh runs a node: Kestrel's inline scheduling on SQLite, not on PostgreSQL (the runtime's inline
            // socket completions, which go with it there, can only be set before the test host starts).
            InlineSocketScheduling = storage.Provider == "sqlite",
        };
        var loggers = loggerFactory ?? (Environment.GetEnvironmentVariable("CV_TEST_LOG") == "1"
            ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information))
            : NullLoggerFactory.Instance);
        var node = await CustomerViewNode.StartAsync(settings, loggers, TestContext.Current.CancellationToken);
        return new TestNode(node);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the customer's full profile (bounded).</summary>
    public async Task<Contracts.V1.CustomerProfile> WaitForProfileAsync(string customerId, Func<Contracts.V1.CustomerProfile, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        Contracts.V1.CustomerProfile? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await Client.GetProfileAsync(new GetProfileRequest { CustomerId = customerId, View = ProfileView.Full });
                last = response.Profile;
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Grpc.RpcException ex) when (ex.StatusCode == Grpc.StatusCode.NotFound)
            {
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Profile of {customerId} did not reach the expected state; engine: {Engine.Statistics.Snapshot()}, owned: {string.Join(",", Engine.OwnedPartitions)}, failure: {Engine.Failure?.Message}; last seen: {last}");
    }
}

/// <summary>Produces domain events to the channel topics the way channel systems do.</summary>
public sealed class EventWriter(EmbeddedKafkaCluster cluster) : IDisposable
{
    private readonly ChannelEventProducer _producer = ChannelEventProducer.Create(new KafkaOptions { BootstrapServers = cluster.BootstrapServers });

    public static string TopicFor(Domain.Channel channel) => KafkaOptions.DefaultChannelTopics[(int)channel - 1];

    public async Task WriteAsync(params DomainEvent[] events)
    {
        foreach (var e in events)
        {
            await _producer.ProduceAsync(TopicFor(e.Channel), e.CustomerId.Value, ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    public Task WriteRawAsync(string topic, string key, byte[] value, string contentType) =>
        _producer.ProduceAsync(topic, key, value, contentType, cancellationToken: TestContext.Current.CancellationToken);

    public void Dispose() => _producer.Dispose();
}
