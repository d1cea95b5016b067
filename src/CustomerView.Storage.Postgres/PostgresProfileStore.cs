using Npgsql;

namespace CustomerView.Storage.Postgres;

/// <summary>Creates the clustered <see cref="IProfileStore"/> over PostgreSQL.</summary>
/// <remarks>
/// Revisions: a <see cref="ProfileWrite"/> whose revision is lower than the stored one for the same customer is skipped
/// (its snapshot, identifiers and wake-up are left as stored; the rest of the commit, offsets included, still applies);
/// an equal revision overwrites, so replaying a batch is idempotent. Times are kept in UTC to the microsecond.
/// </remarks>
public static class PostgresProfileStore
{
    /// <summary>
    /// Creates the store over an <see cref="NpgsqlDataSource"/> built from <paramref name="options"/>. Nothing connects
    /// yet; call <see cref="IProfileStore.MigrateAsync"/> once at start (it is safe for every node to do so at once).
    /// </summary>
    /// <param name="options">The connection string and options.</param>
    /// <returns>The store; dispose it to close its connections.</returns>
    /// <exception cref="ArgumentException">The options or the connection string are invalid.</exception>
    public static IProfileStore Create(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxAutoPrepare, nameof(options));

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = options.MaxAutoPrepare;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return new PostgresStore(builder.Build(), options);
    }
}
