using CustomerView.Storage.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using static CustomerView.Storage.Postgres.PostgresParameters;

namespace CustomerView.Storage.Postgres;

/// <summary>
/// The PostgreSQL <see cref="IProfileStore"/>. Every operation borrows a pooled connection from the data source; Npgsql
/// auto-preparation keeps the fixed statements prepared per physical connection. A commit locks its partition's lease
/// row (<c>SELECT ... FOR UPDATE</c>), checks the token, then sends all its writes as one batch of four array-based
/// statements: three round trips whatever the batch size.
/// </summary>
internal sealed partial class PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions options) : IProfileStore
{
    private const string StoreName = "PostgreSQL";

    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly ILogger _logger = options.LoggerFactory?.CreateLogger("CustomerView.Storage.Postgres") ?? NullLogger.Instance;
    private readonly TimeProvider _time = options.TimeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                progress?.Report("PostgreSQL: waiting for the schema lock (pg_advisory_xact_lock)");
                await ExecuteAsync(connection, transaction, PostgresSql.LockMigrations, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, PostgresSql.CreateVersionTable, cancellationToken).ConfigureAwait(false);
                int version;
                using (var select = new NpgsqlCommand(PostgresSql.SelectVersion, connection, transaction))
                {
                    version = (int)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                var latest = PostgresSql.Migrations[^1].Version;
                if (version > latest)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL schema is at version {version}, newer than this build knows ({latest}); upgrade the service instead.");
                }

                progress?.Report($"PostgreSQL schema at version {version} of {latest}");
                var applied = 0;
                foreach (var step in PostgresSql.Migrations)
                {
                    if (step.Version <= version)
                    {
                        continue;
                    }

                    progress?.Report($"PostgreSQL migration {step.Version}: {step.Description}");
                    await ExecuteAsync(connection, transaction, step.Sql, cancellationToken).ConfigureAwait(false);
                    using (var insert = new NpgsqlCommand(PostgresSql.InsertVersion, connection, transaction))
                    {
                        insert.Parameters.Add(Value(step.Version));
                        insert.Parameters.Add(Value(step.Description));
                        insert.Parameters.Add(Time(_time.GetUtcNow()));
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    StoreLog.MigrationApplied(_logger, StoreName, step.Version, step.Description);
                    version = step.Version;
                    applied++;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (applied == 0)
                {
                    StoreLog.SchemaUpToDate(_logger, StoreName, version);
                }

                progress?.Report(applied == 0
                    ? $"PostgreSQL schema is up to date at version {version}"
                    : $"PostgreSQL schema migrated to version {version} ({applied} step(s))");
            }
        }
    }

    /// <inheritdoc />
    public async Task<PartitionLease> AcquireAsync(string group, int partition, string ownerId, CancellationToken cancellationToken)
    {
        StoreArguments.Acquire(group, partition, ownerId);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var batch = new NpgsqlBatch(connection, transaction);
                var upsert = new NpgsqlBatchCommand(PostgresSql.UpsertLease);
                upsert.Parameters.Add(Value(group, NpgsqlDbType.Text));
                upsert.Parameters.Add(Value(partition));
                upsert.Parameters.Add(Value(ownerId, NpgsqlDbType.Text));
                upsert.Parameters.Add(Time(_time.GetUtcNow()));
                batch.BatchCommands.Add(upsert);
                var select = new NpgsqlBatchCommand(PostgresSql.SelectOffsets);
                select.Parameters.Add(Value(group, NpgsqlDbType.Text));
                select.Parameters.Add(Value(partition));
                batch.BatchCommands.Add(select);

                long token;
                long journalNext;
                var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    token = reader.GetInt64(0);
                    journalNext = reader.GetInt64(1);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        offsets[reader.GetString(0)] = reader.GetInt64(1);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                StoreLog.LeaseAcquired(_logger, group, partition, ownerId, token);
                return new PartitionLease(group, partition, token, offsets) { JournalNext = journalNext };
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
