using Microsoft.Extensions.Logging;

namespace CustomerView.Storage.Sqlite;

/// <summary>Where and how the SQLite profile store keeps its file.</summary>
/// <param name="DataDirectory">The data folder; created when missing. The database is one file inside it (plus SQLite's -wal and -shm files).</param>
public sealed record SqliteStoreOptions(string DataDirectory)
{
    /// <summary>The database file's name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; init; } = "customerview.db";

    /// <summary>How many read-only connections serve <c>LoadAsync</c>, <c>LookupAsync</c> and <c>LoadWakeUpsAsync</c> concurrently (1 to 64).</summary>
    public int ReaderConnections { get; init; } = 4;

    /// <summary>How long a statement waits for a lock held by another connection or process before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The logger factory for migration and fencing messages; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock for <c>updated_at</c> and <c>acquired_at</c>; <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, FileName);
}
