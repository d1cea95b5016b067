namespace CustomerView.Storage.Sqlite;

/// <summary>Opens the single-node <see cref="IProfileStore"/>: one SQLite file in WAL mode under a data folder.</summary>
/// <remarks>
/// Revisions: a <see cref="ProfileWrite"/> whose revision is lower than the stored one for the same customer is skipped
/// (its snapshot, identifiers and wake-up are left as stored; the rest of the commit, offsets included, still applies);
/// an equal revision overwrites, so replaying a batch is idempotent. Times are kept in UTC to the microsecond.
/// Microsoft.Data.Sqlite does its I/O synchronously, so the store's methods complete on the calling thread.
/// </remarks>
public static class SqliteProfileStore
{
    /// <summary>
    /// Opens (creating when missing) the database file, switches it to WAL mode and migrates its schema to the newest
    /// version, reporting each step to <paramref name="progress"/>.
    /// </summary>
    /// <param name="options">Where the file lives and how it is opened.</param>
    /// <param name="progress">Receives a line per migration step; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static async Task<IProfileStore> OpenAsync(SqliteStoreOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReaderConnections, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ReaderConnections, 64, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));

        Directory.CreateDirectory(options.DataDirectory);
        var store = new SqliteStore(options);
        try
        {
            await store.OpenAsync(progress, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
