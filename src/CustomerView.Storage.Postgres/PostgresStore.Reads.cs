using CustomerView.Domain;
using CustomerView.Storage.Shared;
using Npgsql;
using NpgsqlTypes;
using static CustomerView.Storage.Postgres.PostgresParameters;

namespace CustomerView.Storage.Postgres;

/// <summary>Reads: one pooled connection and one prepared statement each.</summary>
internal sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<StoredProfile?> LoadAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var command = _dataSource.CreateCommand(PostgresSql.SelectProfile);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Value(customerId, NpgsqlDbType.Text));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return ReadProfile(reader, customerId, 0);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredProfile>> LoadManyAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken)
    {
        StoreArguments.CustomerIds(customerIds);
        var found = new List<StoredProfile>(customerIds.Count);
        if (customerIds.Count == 0)
        {
            return found;
        }

        string[] ids = [.. customerIds];
        var command = _dataSource.CreateCommand(PostgresSql.SelectProfiles);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Array(ids, NpgsqlDbType.Text));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add(ReadProfile(reader, reader.GetString(0), 1));
                }
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentifierMatch>> LookupAsync(IdentifierKind kind, string key, int max, CancellationToken cancellationToken)
    {
        StoreArguments.Lookup(kind, key, max);
        var command = _dataSource.CreateCommand(PostgresSql.SelectMatches);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Value((short)kind));
            command.Parameters.Add(Value(key, NpgsqlDbType.Text));
            command.Parameters.Add(Value((long)max));
            var matches = new List<IdentifierMatch>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    matches.Add(new IdentifierMatch(reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2)));
                }
            }

            return matches;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalBatch>> LoadJournalAsync(string group, int partition, CancellationToken cancellationToken)
    {
        StoreArguments.Lease(group, partition);
        var command = _dataSource.CreateCommand(PostgresSql.SelectJournal);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Value(group, NpgsqlDbType.Text));
            command.Parameters.Add(Value(partition));
            var batches = new List<JournalBatch>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    batches.Add(new JournalBatch(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
                }
            }

            return batches;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WakeUp>> LoadWakeUpsAsync(int partition, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        StoreArguments.WakeUps(partition, max);
        var command = _dataSource.CreateCommand(PostgresSql.SelectWakeUps);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Value(partition));
            command.Parameters.Add(Time(until));
            command.Parameters.Add(Value((long)max));
            var wakeUps = new List<WakeUp>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    wakeUps.Add(new WakeUp(reader.GetString(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1))));
                }
            }

            return wakeUps;
        }
    }

    /// <summary>A profile row: partition, revision, snapshot, updated_at, journal_seq, next_wakeup from column <paramref name="first"/> on.</summary>
    private static StoredProfile ReadProfile(NpgsqlDataReader reader, string customerId, int first) =>
        new(
            customerId,
            reader.GetInt32(first),
            reader.GetInt64(first + 1),
            reader.GetFieldValue<byte[]>(first + 2),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(first + 3)))
        {
            JournalSequence = reader.GetInt64(first + 4),
            NextWakeUp = reader.IsDBNull(first + 5) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(first + 5)),
        };
}
