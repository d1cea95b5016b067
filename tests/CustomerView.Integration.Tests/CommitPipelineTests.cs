using ProfileView = CustomerView.Contracts.V1.ProfileView;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Engine;
using CustomerView.Kafka;
using CustomerView.Storage;
using CustomerView.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using DomainChannel = CustomerView.Domain.Channel;
using Task = System.Threading.Tasks.Task;

namespace CustomerView.Integration.Tests;

/// <summary>
/// The engine hands a commit to storage and goes on applying: an engine over a real SQLite store whose commits the test
/// can hold, fed through the real Kafka protocol. Its reads leave the caller's thread before touching storage.
/// </summary>
public sealed class CommitPipelineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly EmbeddedKafkaCluster _cluster;
    private readonly EventWriter _writer;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cv-pipeline-" + Guid.NewGuid().ToString("N"));
    private readonly string _group = "pipeline-" + Guid.NewGuid().ToString("N")[..8];
    private IProfileStore? _store;

    public CommitPipelineTests()
    {
        KafkaNative.EnsureInitialized();
        _cluster = EmbeddedKafkaCluster.Start(new KafkaOptions { EmbeddedBrokers = 1, EmbeddedPartitions = 1 });
        _writer = new EventWriter(_cluster);
    }

    public async ValueTask InitializeAsync() =>
        _store = await SqliteProfileStore.OpenAsync(new SqliteStoreOptions(_directory), cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _cluster.Dispose();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Engine_AppliesLaterEvents_WhileACommitIsInFlight_AndMakesThemDurableAfterIt()
    {
        var held = new HeldStore(_store!);
        await using (var engine = await StartAsync(held))
        {
            // Released in any case, so that a failed assertion does not leave the engine's stop waiting for the commit.
            using var release = new ReleaseOnDispose(held);
            held.HoldNext();
            await _writer.WriteAsync(E("a1", "C-1", new AttributesChanged { FullName = "Grace Hopper" }));
            await held.Entered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            await _writer.WriteAsync(
                E("p1", "C-1", new IdentifierLinked(Domain.IdentifierKind.Phone, "+44 20 7946 0300", Shared: false)),
                E("i1", "C-2", new InteractionRecorded { Type = Domain.InteractionType.Inquiry, Topic = "fees" }));
            await WaitAsync(() => engine.Statistics.Snapshot().Applied >= 3, "the events after the held commit to apply");

            Assert.Equal(0, engine.Statistics.Snapshot().Commits);
            Assert.Equal(2, (await engine.Queries.GetProfileAsync("C-1", ProfileView.Full, TestContext.Current.CancellationToken))!.Profile.Revision);
            held.Release();
            await WaitAsync(() => engine.Statistics.Snapshot().Commits >= 2, "the held commit and the next one to complete");
            await WaitAsync(async () => (await _store!.LookupAsync(Domain.IdentifierKind.Phone, "+442079460300", 5, TestContext.Current.CancellationToken)).Count == 1, "the phone linked during the held commit to be indexed");
        }

        await using var restarted = await StartAsync(_store!);
        await WaitAsync(() => restarted.OwnedPartitions.Count == 1, "the restarted engine to take the partition and replay its journal");
        var first = await restarted.Queries.GetProfileAsync("C-1", ProfileView.Full, TestContext.Current.CancellationToken);
        var second = await restarted.Queries.GetProfileAsync("C-2", ProfileView.Full, TestContext.Current.CancellationToken);

        Assert.Equal(2, first!.Profile.Revision);
        Assert.Equal("Grace Hopper", first.Profile.Attributes.FullName);
        Assert.Equal(1, second!.Profile.Figures.TotalInteractions);
        Assert.Equal(0, restarted.Statistics.Snapshot().Consumed);
    }

    [Fact]
    public async Task Engine_HandsItsPartitionsToTheGroup_WhenItFails()
    {
        // The embedded cluster times out every member of a group by the session of the member that joined last: the
        // survivor's 5 minutes keep a silent member in the group far longer than this test waits, so the survivor can
        // only get the partition because the failed member left the group, not because the group expelled it.
        await using var failing = await StartAsync(_store!);
        await _writer.WriteAsync(E("a1", "C-5", new AttributesChanged { FullName = "Ada Lovelace" }));
        await WaitAsync(() => failing.Statistics.Snapshot().Commits >= 1, "the first commit");
        failing.BeforeCommit = _ => throw new InvalidOperationException("injected failure");
        await _writer.WriteAsync(E("i1", "C-5", new InteractionRecorded { Type = Domain.InteractionType.Inquiry, Topic = "fees" }));
        await WaitAsync(() => failing.Failure is not null, "the injected failure");

        await using var survivor = await StartAsync(_store!, sessionTimeout: TimeSpan.FromMinutes(5));
        await WaitAsync(() => survivor.OwnedPartitions.Count == 1, "the survivor to take the failed engine's partition");
        await WaitAsync(async () => (await survivor.Queries.GetProfileAsync("C-5", ProfileView.Full, TestContext.Current.CancellationToken))?.Profile.Revision == 2, "the survivor to apply the uncommitted event");

        Assert.Empty(failing.OwnedPartitions);
        var profile = (await survivor.Queries.GetProfileAsync("C-5", ProfileView.Full, TestContext.Current.CancellationToken))!.Profile;
        Assert.Equal("Ada Lovelace", profile.Attributes.FullName);
        Assert.Equal(1, profile.Figures.TotalInteractions);
    }

    [Fact]
    public async Task Engine_SpreadsSnapshotsOverTheSnapshotAge_WhenManyCustomersChangeAtOnce()
    {
        var age = TimeSpan.FromSeconds(10);
        await using var engine = await StartAsync(_store!, options: TestNode.FastEngine with { SnapshotAfter = age });
        var burst = new DomainEvent[300];
        for (var i = 0; i < burst.Length; i++)
        {
            burst[i] = E($"b{i}", $"C-{i:D3}", new InteractionRecorded { Type = Domain.InteractionType.Inquiry, Topic = "fees" });
        }

        await _writer.WriteAsync(burst);
        await WaitAsync(() => engine.Statistics.Snapshot().Applied >= burst.Length, "the burst to apply");

        // Live traffic keeps commits coming; one customer's events, too few to be snapshotted for their count.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; System.Diagnostics.Stopwatch.GetElapsedTime(started) < age / 2; i++)
        {
            await _writer.WriteAsync(E($"t{i}", "C-LIVE", new InteractionRecorded { Type = Domain.InteractionType.Inquiry, Topic = "card" }));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // Paced over the age, about half of the burst's customers are snapshotted by half of it; none would be
        // without pacing (their changes are not yet of age), all at once would be a storm.
        Assert.InRange(engine.Statistics.Snapshot().ProfilesWritten, burst.Length * 15 / 100, burst.Length * 85 / 100);
    }

    [Fact]
    public async Task Queries_ReadStorageOffTheCallersThread_WhenTheCustomerIsNotActive()
    {
        var held = new HeldStore(_store!);
        await using var engine = await StartAsync(held);
        var caller = 0;
        Exception? failure = null;

        // The caller blocks for the answer, as an HTTP/2 loop running the call inline would be held: a storage read on
        // its thread would run there, and only a read that left it can run anywhere else.
        var thread = new Thread(() =>
        {
            caller = Environment.CurrentManagedThreadId;
            try
            {
                Assert.Null(engine.Queries.GetProfileAsync("C-404", ProfileView.Card, CancellationToken.None).AsTask().GetAwaiter().GetResult());
                Assert.Empty(engine.Queries.LookupAsync(Domain.IdentifierKind.Phone, "+442079460399", "+44 20 7946 0399", includeCard: true, 5, CancellationToken.None).AsTask().GetAwaiter().GetResult().Candidates);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.Equal(2, held.ReadThreads.Count);
        Assert.DoesNotContain(caller, held.ReadThreads);
    }

    private async Task<IngestionEngine> StartAsync(IProfileStore store, TimeSpan? sessionTimeout = null, EngineOptions? options = null)
    {
        var kafka = new KafkaOptions { BootstrapServers = _cluster.BootstrapServers, ConsumerGroupId = _group };
        var engine = new IngestionEngine(
            options ?? TestNode.FastEngine,
            sessionTimeout is { } session ? kafka with { SessionTimeout = session } : kafka,
            store,
            NullLogger<IngestionEngine>.Instance);
        await engine.StartAsync(TestContext.Current.CancellationToken);
        return engine;
    }

    private static DomainEvent E(string id, string customer, EventPayload payload) =>
        new(EventId.Parse(id), CustomerId.Parse(customer), DomainChannel.MobileApp, Now, "it", payload);

    private static Task WaitAsync(Func<bool> condition, string what) => WaitAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private sealed class ReleaseOnDispose(HeldStore store) : IDisposable
    {
        public void Dispose() => store.Release();
    }

    /// <summary>A store whose next commit, once asked to, waits until released; everything else passes through.</summary>
    private sealed class HeldStore(IProfileStore inner) : IProfileStore
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _hold;

        public Task Entered => _entered.Task;

        /// <summary>The threads single-customer loads and identifier lookups ran on.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<int> ReadThreads { get; } = new();

        public void HoldNext() => Volatile.Write(ref _hold, 1);

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionCommit> commits, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _hold, 0) == 1)
            {
                _entered.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }

            return await inner.CommitAsync(commits, cancellationToken);
        }

        public async Task<CommitOutcome> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken) =>
            (await CommitAsync([commit], cancellationToken))[0];

        public Task MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken) => inner.MigrateAsync(progress, cancellationToken);

        public Task<PartitionLease> AcquireAsync(string group, int partition, string ownerId, CancellationToken cancellationToken) =>
            inner.AcquireAsync(group, partition, ownerId, cancellationToken);

        public Task<IReadOnlyList<JournalBatch>> LoadJournalAsync(string group, int partition, CancellationToken cancellationToken) =>
            inner.LoadJournalAsync(group, partition, cancellationToken);

        public Task<StoredProfile?> LoadAsync(string customerId, CancellationToken cancellationToken)
        {
            ReadThreads.Enqueue(Environment.CurrentManagedThreadId);
            return inner.LoadAsync(customerId, cancellationToken);
        }

        public Task<IReadOnlyList<StoredProfile>> LoadManyAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken) =>
            inner.LoadManyAsync(customerIds, cancellationToken);

        public Task<IReadOnlyList<IdentifierMatch>> LookupAsync(Domain.IdentifierKind kind, string key, int max, CancellationToken cancellationToken)
        {
            ReadThreads.Enqueue(Environment.CurrentManagedThreadId);
            return inner.LookupAsync(kind, key, max, cancellationToken);
        }

        public Task<IReadOnlyList<WakeUp>> LoadWakeUpsAsync(int partition, DateTimeOffset until, int max, CancellationToken cancellationToken) =>
            inner.LoadWakeUpsAsync(partition, until, max, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
