using Microsoft.Extensions.Logging;

namespace CustomerView.Storage.Postgres;

/// <summary>How the PostgreSQL profile store connects.</summary>
/// <param name="ConnectionString">An Npgsql connection string (host, port, database, user, and so on).</param>
public sealed record PostgresStoreOptions(string ConnectionString)
{
    /// <summary>
    /// How many statements each physical connection keeps prepared automatically (Npgsql auto-prepare); the store's
    /// statements are few and fixed, so the default keeps them all prepared. Zero turns auto-preparation off.
    /// </summary>
    public int MaxAutoPrepare { get; init; } = 32;

    /// <summary>The logger factory for the store's and Npgsql's messages; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock for <c>updated_at</c> and <c>acquired_at</c>; <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
