using System.Text;
using CustomerView.Testing;
using Npgsql;
using CustomerView.Storage.Postgres;

namespace CustomerView.Storage.Tests;

/// <summary>The conformance suite over a fresh database per test on the class's throwaway PostgreSQL server.</summary>
public sealed class PostgresProfileStoreTests(PostgresServer server) : ProfileStoreConformanceTests, IClassFixture<PostgresServer>
{
    private string? _connectionString;

    protected override async ValueTask CreateStorageAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override int LatestSchemaVersion => 5;

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
    public async Task CommitAsync_CompressesSnapshotsAndJournalRowsWithLz4_WhenTheyAreLarge()
    {
        var lease = await Store.AcquireAsync(TestData.Group, 0, "node-a", Ct);
        var snapshot = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("interaction at the branch, Lisbon; ", 400)));
        var journal = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("mobile-app|login|customer c-1; ", 400)));
        await Store.CommitAsync(TestData.Commit(lease, 1, TestData.Profile("c-1") with { Snapshot = snapshot }) with { Journal = journal, JournalSequence = 1 }, Ct);

        Assert.Equal("lz4", await ScalarAsync("SELECT pg_column_compression(snapshot) FROM profiles WHERE customer_id = 'c-1'"));
        Assert.Equal("lz4", await ScalarAsync("SELECT pg_column_compression(data) FROM journal WHERE seq = 1"));
        Assert.Equal(snapshot, (await Store.LoadAsync("c-1", Ct))!.Snapshot.ToArray());
        Assert.Equal(journal, Assert.Single(await Store.LoadJournalAsync(TestData.Group, 0, Ct)).Data.ToArray());
    }

    [Fact]
    public async Task CommitAsync_KeepsANewSnapshotOnItsRowsPage_WhenSomeOfThePagesCustomersAreWrittenAgain()
    {
        var lease = await Store.AcquireAsync(TestData.Group, 0, "node-a", Ct);
        var customers = Enumerable.Range(0, 60).Select(i => $"c-{i:D2}").ToArray();
        var random = new Random(7);
        ProfileWrite Written(string customer, long revision)
        {
            // Incompressible, and under the 2 KB at which PostgreSQL moves a value out of the row: 6 rows fill a page,
            // 4 fill it to 70 %.
            var snapshot = new byte[1_100];
            random.NextBytes(snapshot);
            return TestData.Profile(customer, revision) with { Snapshot = snapshot };
        }

        await Store.CommitAsync(TestData.Commit(lease, 1, customers.Select(c => Written(c, 1)).ToArray()), Ct);
        var before = await PagesAsync();
        // A commit rewrites some of a page's customers (those whose snapshots came due), not all of them at once.
        var rewritten = customers.Where((_, i) => i % 2 == 0).ToArray();
        await Store.CommitAsync(TestData.Commit(lease, 2, rewritten.Select(c => Written(c, 2)).ToArray()), Ct);
        var after = await PagesAsync();

        Assert.Equal(before, after);
        Assert.Equal(2, (await Store.LoadAsync("c-58", Ct))!.Revision);
    }

    [Fact]
    public async Task PlanForTheseArrays_PlansTheIdentifierDeleteAsAHashAntiJoin_AfterFiveRunsOfThePreparedStatement()
    {
        var lease = await Store.AcquireAsync(TestData.Group, 0, "node-a", Ct);
        var customers = Enumerable.Range(0, 2_000).Select(i => $"c-{i:D4}").ToArray();
        await Store.CommitAsync(TestData.Commit(lease, 1, customers.Select(c => TestData.Profile(c, 1, null, new IndexedIdentifier(Domain.IdentifierKind.Account, "DE" + c, Shared: false))).ToArray()), Ct);

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        // Runs one statement in the transaction; the first column of its rows, one per line (a plan, for EXPLAIN).
        async Task<string> LinesAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var lines = new StringBuilder();
            while (await reader.ReadAsync(Ct))
            {
                lines.AppendLine(reader.GetString(0));
            }

            return lines.ToString();
        }

        await LinesAsync("PREPARE delete_removed(text[], bigint[], smallint[], text[], text[]) AS " + PostgresSql.DeleteRemovedIdentifiers);
        var ids = "'{" + string.Join(',', customers) + "}'";
        var revisions = "'{" + string.Join(',', customers.Select(_ => "1")) + "}'";
        var kinds = "'{" + string.Join(',', customers.Select(_ => ((int)Domain.IdentifierKind.Account).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "}'";
        var keys = "'{" + string.Join(',', customers.Select(c => "DE" + c)) + "}'";
        var execute = $"EXECUTE delete_removed({ids}, {revisions}, {kinds}, {keys}, {ids})";
        for (var run = 0; run < 5; run++)
        {
            await LinesAsync(execute);
        }

        // After five runs PostgreSQL may take one plan for any arrays, costed for a hundred elements each; asked for.
        var explain = "EXPLAIN (COSTS OFF) " + execute;
        await LinesAsync("SET LOCAL plan_cache_mode = force_generic_plan");
        var generic = await LinesAsync(explain);
        await LinesAsync(PostgresSql.PlanForTheseArrays);
        var planned = await LinesAsync(explain);

        Assert.Contains("Nested Loop Anti Join", generic, StringComparison.Ordinal);
        Assert.Contains("Hash Anti Join", planned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_SetsThePlanCacheModeBeforeItsOtherStatements_WhenItWritesProfiles()
    {
        var loggers = new RecordingLoggers();
        await using var store = PostgresProfileStore.Create(new PostgresStoreOptions(_connectionString!) { LoggerFactory = loggers });
        var lease = await store.AcquireAsync(TestData.Group, 0, "node-a", Ct);
        var customers = Enumerable.Range(0, 3).Select(i => $"c-{i}").ToArray();

        await store.CommitAsync(TestData.Commit(lease, 1, customers.Select(c => TestData.Profile(c, 1, null, new IndexedIdentifier(Domain.IdentifierKind.Account, "DE" + c, Shared: false))).ToArray()), Ct);

        // Npgsql logs each batch it completed as "Batch execution completed (duration=…ms): [first statement, …]"; the one
        // deleting removed identifiers is the commit's.
        var batches = loggers.Messages
            .Where(m => m.Category == "Npgsql.Command"
                && m.Message.StartsWith("Batch execution completed", StringComparison.Ordinal)
                && m.Message.Contains(PostgresSql.DeleteRemovedIdentifiers, StringComparison.Ordinal))
            .ToList();
        var batch = Assert.Single(batches).Message;
        Assert.Contains("): [" + PostgresSql.PlanForTheseArrays, batch, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ThrowsArgumentException_WhenConnectionStringIsInvalid()
    {
        Assert.ThrowsAny<ArgumentException>(() => PostgresProfileStore.Create(new PostgresStoreOptions("")));
        Assert.ThrowsAny<ArgumentException>(() => PostgresProfileStore.Create(new PostgresStoreOptions("Host=x;NoSuchKeyword=1")));
    }

    /// <summary>Each stored profile's page: the block number of its current row version.</summary>
    private async Task<Dictionary<string, long>> PagesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT customer_id, (ctid::text::point)[0]::bigint FROM profiles", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var pages = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            pages[reader.GetString(0)] = reader.GetInt64(1);
        }

        return pages;
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync(Ct);
    }
}
