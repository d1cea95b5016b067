using System.Collections.Frozen;
using CustomerView.Actors;
using CustomerView.Contracts.Events;
using CustomerView.Contracts.State;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;
using CustomerView.Kafka;
using CustomerView.Storage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CustomerView.Engine;

/// <summary>
/// A node's engine: consumes the channel topics as a member of the consumer group, applies each customer's events
/// in that customer's actor, and commits each batch (the events as one journal row per partition, the snapshots that
/// are due, and the consumed offsets) in one storage transaction, each partition fenced by its lease. Poison records
/// go to the dead-letter topic and the partition keeps moving. Reads and watches go through <see cref="Queries"/>.
/// </summary>
public sealed partial class IngestionEngine : IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly KafkaOptions _kafka;
    private readonly IProfileStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DeadLetterLog _deadLetterLog;
    private readonly ChannelEventDecoder _decoder;
    private readonly ActorTable<CustomerActor> _actors;
    private readonly Dictionary<int, PartitionState> _partitions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile FrozenSet<int> _owned = FrozenSet<int>.Empty;
    private IConsumer<byte[], byte[]>? _consumer;
    private RecordBatchReader? _reader;
    private IProducer<byte[], byte[]>? _deadLetterProducer;
    private DeadLetterPublisher? _deadLetters;
    private Thread? _thread;
    private Exception? _failure;

    /// <summary>Creates an engine; <see cref="StartAsync"/> starts it.</summary>
    public IngestionEngine(EngineOptions options, KafkaOptions kafka, IProfileStore store, ILogger<IngestionEngine> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _kafka = kafka;
        _store = store;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _decoder = new ChannelEventDecoder();
        _deadLetterLog = new DeadLetterLog(logger, _time, DeadLetterLogWindow);
        _actors = new ActorTable<CustomerActor>(ActivateAsync, options.Actors, _time);
        // Up to three views an actor (card, standard, full), at a load that leaves most reads a slot of their own.
        ServedViews = new ServedViews((int)Math.Min(4L * options.Actors.MaxActive, int.MaxValue));
        Queries = new ProfileQueries(this);
    }

    /// <summary>Reads and watches of profiles.</summary>
    public ProfileQueries Queries { get; }

    /// <summary>Counters of what the engine did, for logs, tests and benchmarks.</summary>
    public EngineStatistics Statistics { get; } = new();

    /// <summary>The partitions this node owns now.</summary>
    public IReadOnlySet<int> OwnedPartitions => _owned;

    /// <summary>Actors active now.</summary>
    public int ActiveActors => _actors.ActiveCount;

    /// <summary>The error that stopped the engine, if one did.</summary>
    public Exception? Failure => _failure;

    /// <summary>Test hook: runs before each partition commit (throwing simulates a crash between apply and commit).</summary>
    internal Action<int>? BeforeCommit { get; set; }

    /// <summary>Checks the topic layout, joins the consumer group and starts consuming on a dedicated thread.</summary>
    /// <exception cref="TopicLayoutException">Topics are missing or not co-partitioned.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The engine is already started.");
        }

        KafkaNative.EnsureInitialized();
        var partitions = await TopicLayout.VerifyCoPartitionedAsync(_kafka, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        Log.TopicsVerified(_logger, string.Join(", ", _kafka.Topics), partitions);
        _deadLetterProducer = KafkaClients.CreateDeadLetterProducer(_kafka, _logger);
        _deadLetters = new DeadLetterPublisher(_deadLetterProducer, _kafka.DeadLetterTopic);
        _consumer = KafkaClients.CreateConsumerBuilder(_kafka, _logger)
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked))
            .SetPartitionsLostHandler((_, lost) => OnLost(lost))
            .Build();
        _reader = RecordBatchReader.Create(_consumer, _kafka.Topics, FetchBatch, error => Log.ConsumeError(_logger, error.Reason));
        _thread = new Thread(Run) { IsBackground = true, Name = "customerview-ingestion" };
        _thread.Start();
        await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what was applied, leaves the consumer group and stops.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_thread is { } thread)
        {
            await Task.Run(thread.Join).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _reader?.Dispose(); // before the consumer: it holds the consumer's native handle
        _consumer?.Dispose();
        _deadLetterProducer?.Dispose();
        await _actors.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    internal ActorTable<CustomerActor> Actors => _actors;

    internal IProfileStore Store => _store;

    internal TimeProvider Time => _time;

    /// <summary>The views the actors hold evaluated, indexed for the cached read (<see cref="ProfileQueries.TryGetSerializedProfile"/>).</summary>
    internal ServedViews ServedViews { get; }

    /// <summary>Reports a view that failed to evaluate off a read's path.</summary>
    internal void ViewRefreshFailed(string customerId, Exception exception) => Log.ViewRefreshFailed(_logger, customerId, exception);

    internal EngineOptions Options => _options;

    internal bool Owns(int partition) => _owned.Contains(partition);

    internal CustomerProfile RestoreProfile(StoredProfile stored) =>
        CustomerProfile.Restore(ProfileStateCodec.Deserialize(stored.Snapshot.Span), _options.Profiles);

    private async ValueTask<CustomerActor> ActivateAsync(string customerId, object? partitionHint, CancellationToken cancellationToken)
    {
        StoredProfile? stored;
        if (partitionHint is Preloaded preloaded)
        {
            stored = preloaded.Stored;
            partitionHint = preloaded.Partition;
        }
        else
        {
            stored = await _store.LoadAsync(customerId, cancellationToken).ConfigureAwait(false);
        }

        if (stored is not null)
        {
            return new CustomerActor(RestoreProfile(stored), stored.Partition, stored.JournalSequence, stored.NextWakeUp, ServedViews);
        }

        if (partitionHint is not int partition)
        {
            throw new InvalidOperationException($"Customer {customerId} is not stored and no partition was given to activate it.");
        }

        return new CustomerActor(new CustomerProfile(CustomerId.Parse(customerId), _options.Profiles), partition, served: ServedViews);
    }

    /// <summary>An activation whose stored profile was already loaded (with others, in one round trip).</summary>
    private sealed record Preloaded(int Partition, StoredProfile? Stored);

    /// <summary>Actors whose first change missing from their snapshot is in journal batch <see cref="Sequence"/>.</summary>
    private sealed class JournalBucket(long sequence, long committedAt, List<CustomerActor> actors)
    {
        public long Sequence { get; } = sequence;

        public long CommittedAt { get; } = committedAt;

        public List<CustomerActor> Actors { get; } = actors;

        /// <summary>How far the snapshot walk got through <see cref="Actors"/>.</summary>
        public int Next { get; set; }
    }

    /// <summary>What the engine tracks per owned partition.</summary>
    private sealed class PartitionState(PartitionLease lease)
    {
        public PartitionLease Lease { get; } = lease;

        public Dictionary<string, long> Offsets { get; } = new(lease.Offsets, StringComparer.Ordinal);

        public bool OffsetsChanged { get; set; }

        public HashSet<CustomerActor> Dirty { get; } = [];

        public bool Fenced { get; set; }

        /// <summary>The sequence of the partition's next journal batch.</summary>
        public long JournalNext { get; set; } = lease.JournalNext;

        /// <summary>The events of the batch being gathered, in journal encoding.</summary>
        public System.Buffers.ArrayBufferWriter<byte> Journal { get; set; } = new(64 * 1024);

        /// <summary>The other batch buffer: the one a commit in flight reads, or free.</summary>
        public System.Buffers.ArrayBufferWriter<byte> SpareJournal { get; set; } = new(64 * 1024);

        /// <summary>Committed journal batches whose actors are not all snapshotted yet, oldest first.</summary>
        public Queue<JournalBucket> Unsnapshotted { get; } = new();

        /// <summary>When the partition's last commit was planned (a <see cref="TimeProvider"/> timestamp), 0 before the first.</summary>
        public long PlannedAt { get; set; }

        /// <summary>The fraction of an actor that pacing owed at the last commit, carried to the next.</summary>
        public double PacedCarry { get; set; }
    }
}
