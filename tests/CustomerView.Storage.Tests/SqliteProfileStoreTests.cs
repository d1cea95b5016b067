using CustomerView.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CustomerView.Storage.Tests;

/// <summary>The conformance suite over a fresh SQLite data folder per test.</summary>
public sealed class SqliteProfileStoreTests : ProfileStoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cv-sqlite-").FullName;

    private SqliteStoreOptions Options => new(_directory) { BusyTimeout = TimeSpan.FromSeconds(20), ReaderConnections = 2 };

    protected override int LatestSchemaVersion => 3;

    protected override Task<IProfileStore> CreateStoreAsync(IProgress<string>? progress) =>
        SqliteProfileStore.OpenAsync(Options, progress, Ct);

    protected override ValueTask DeleteStorageAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void OpenAsync_KeepsTheDatabaseInWalMode_WhenOpened()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar() as string);
        Assert.True(File.Exists(Options.DatabasePath));
    }

    [Fact]
    public async Task OpenAsync_ThrowsArgumentException_WhenOptionsAreInvalid()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteProfileStore.OpenAsync(new SqliteStoreOptions(" "), null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteProfileStore.OpenAsync(Options with { ReaderConnections = 0 }, null, Ct));
    }
}
