using CustomerView.Testing;
using CustomerView.Storage.Postgres;

namespace CustomerView.Storage.Tests;

/// <summary>The conformance suite over a fresh database per test on the class's throwaway PostgreSQL server.</summary>
public sealed class PostgresProfileStoreTests(PostgresServer server) : ProfileStoreConformanceTests, IClassFixture<PostgresServer>
{
    private string? _connectionString;

    protected override async ValueTask CreateStorageAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override Task<IProfileStore> CreateStoreAsync(IProgress<string>? progress) =>
        Task.FromResult(PostgresProfileStore.Create(new PostgresStoreOptions(_connectionString!)));

    [Fact]
    public void Server_StartsWithinAMinute_WhenTheFixtureStarts()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL initdb + start took {server.StartupTime.TotalSeconds:F2} s");

        Assert.InRange(server.StartupTime, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task MigrateAsync_AppliesTheSchemaOnce_WhenNodesMigrateConcurrently()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var stores = new IProfileStore[4];
        for (var i = 0; i < stores.Length; i++)
        {
            stores[i] = PostgresProfileStore.Create(new PostgresStoreOptions(connectionString));
        }

        try
        {
            var progress = new ProgressLines[stores.Length];
            var migrations = new Task[stores.Length];
            for (var i = 0; i < stores.Length; i++)
            {
                progress[i] = new ProgressLines();
                var (store, lines) = (stores[i], progress[i]);
                migrations[i] = Task.Run(() => store.MigrateAsync(lines, Ct), Ct);
            }

            await Task.WhenAll(migrations);

            var applied = 0;
            foreach (var lines in progress)
            {
                applied += lines.Lines.Count(line => line.Contains("migration 1", StringComparison.Ordinal));
            }

            Assert.Equal(1, applied);
            var lease = await stores[0].AcquireAsync(TestData.Group, 0, "node-a", Ct);
            Assert.Equal(1, lease.Token);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Create_ThrowsArgumentException_WhenConnectionStringIsInvalid()
    {
        Assert.ThrowsAny<ArgumentException>(() => PostgresProfileStore.Create(new PostgresStoreOptions("")));
        Assert.ThrowsAny<ArgumentException>(() => PostgresProfileStore.Create(new PostgresStoreOptions("Host=x;NoSuchKeyword=1")));
    }
}
