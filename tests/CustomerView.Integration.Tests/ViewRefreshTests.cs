using CustomerView.Engine;
using CustomerView.Kafka;
using CustomerView.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileView = CustomerView.Contracts.V1.ProfileView;

namespace CustomerView.Integration.Tests;

/// <summary>
/// A view that only ages is evaluated again off the read's path: an engine over a real SQLite store and a manual clock,
/// read the way the gRPC path reads (<see cref="ProfileQueries.TryGetSerializedProfile"/>, which never evaluates).
/// </summary>
public sealed class ViewRefreshTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cv-refresh-" + Guid.NewGuid().ToString("N"));
    private Storage.IProfileStore? _store;

    public async ValueTask InitializeAsync() =>
        _store = await SqliteProfileStore.OpenAsync(new SqliteStoreOptions(_directory), cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
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
    public async Task TryGetSerializedProfile_HasAnAgingViewEvaluatedAgain_WhenItIsReadInItsLastQuarter()
    {
        var clock = new ManualClock(T0);
        await using var engine = new IngestionEngine(new EngineOptions(), new KafkaOptions(), _store!, NullLogger<IngestionEngine>.Instance, clock);
        var cancel = TestContext.Current.CancellationToken;
        await engine.Actors.GetOrActivateAsync("C-1", 0, cancel);
        var first = await engine.Queries.GetSerializedProfileAsync("C-1", ProfileView.Standard, cancel);

        // Reads every tenth of a second until the first view expires, all within one turn of the actor's, so the refresh
        // a read asks for cannot run before the turn ends; only then can the view be served again.
        var served = await engine.Actors.RunAsync("C-1", (Clock: clock, engine.Queries), static (_, s) =>
        {
            var reads = 0;
            while (reads < 400)
            {
                s.Clock.Advance(TimeSpan.FromMilliseconds(100));
                if (!s.Queries.TryGetSerializedProfile("C-1", ProfileView.Standard, out ReadOnlyMemory<byte> _))
                {
                    break;
                }

                reads++;
            }

            return reads;
        }, cancel);
        var expiredAt = clock.GetUtcNow();
        var refreshed = false;
        for (var wait = 0; wait < 200 && !refreshed; wait++)
        {
            refreshed = engine.Queries.TryGetSerializedProfile("C-1", ProfileView.Standard, out _);
            await Task.Delay(50, cancel);
        }

        Assert.NotNull(first);
        Assert.InRange(served, 140, 300);
        Assert.True(refreshed, $"the view expired at {expiredAt:O} was evaluated again without a read waiting for it");
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
