using CustomerView.Storage.Shared;
using Npgsql;
using NpgsqlTypes;
using static CustomerView.Storage.Postgres.PostgresParameters;

namespace CustomerView.Storage.Postgres;

/// <summary>The fenced, batched commit.</summary>
internal sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<CommitOutcome> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        var outcomes = await CommitAsync([commit], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionCommit> commits, CancellationToken cancellationToken)
    {
        var identifierCounts = StoreArguments.Commits(commits);
        var outcomes = new CommitOutcome[commits.Count];
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var tokens = await LockLeasesAsync(connection, transaction, commits, cancellationToken).ConfigureAwait(false);
                using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresSql.PlanForTheseArrays));
                var writes = false;
                for (var i = 0; i < outcomes.Length; i++)
                {
                    var lease = commits[i].Lease;
                    var current = tokens.GetValueOrDefault((lease.Group, lease.Partition));
                    if (current != lease.Token)
                    {
                        outcomes[i] = CommitOutcome.Fenced;
                        StoreLog.CommitFenced(_logger, lease.Group, lease.Partition, lease.Token, current);
                        continue;
                    }

                    outcomes[i] = CommitOutcome.Committed;
                    AddWrites(batch, commits[i], identifierCounts[i], _time.GetUtcNow());
                    writes = true;
                }

                if (writes)
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                // Once COMMIT is sent the outcome must be known, so it is not cancellable.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return outcomes;
            }
        }
    }

    /// <summary>Locks the leases of <paramref name="commits"/>; their current tokens (a lease without a row is absent).</summary>
    private static async Task<Dictionary<(string Group, int Partition), long>> LockLeasesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PartitionCommit> commits, CancellationToken cancellationToken)
    {
        var groups = new string[commits.Count];
        var partitions = new int[commits.Count];
        for (var i = 0; i < commits.Count; i++)
        {
            groups[i] = commits[i].Lease.Group;
            partitions[i] = commits[i].Lease.Partition;
        }

        var tokens = new Dictionary<(string Group, int Partition), long>(commits.Count);
        using var command = new NpgsqlCommand(PostgresSql.LockLeases, connection, transaction);
        command.Parameters.Add(Array(groups, NpgsqlDbType.Text));
        command.Parameters.Add(Array(partitions, NpgsqlDbType.Integer));
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens[(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt64(2);
            }
        }

        return tokens;
    }

    private static void AddWrites(NpgsqlBatch batch, PartitionCommit commit, int identifierCount, DateTimeOffset now)
    {
        var lease = commit.Lease;
        var profiles = commit.Profiles;
        var count = profiles.Count;
        if (count > 0)
        {
            var customerIds = new string[count];
            var revisions = new long[count];
            var snapshots = new ReadOnlyMemory<byte>[count];
            var wakeUps = new DateTime?[count];
            var lastEvents = new DateTime?[count];
            var journalSequences = new long[count];
            var kinds = new short[identifierCount];
            var keys = new string[identifierCount];
            var owners = new string[identifierCount];
            var shared = new bool[identifierCount];
            var ownerRevisions = new long[identifierCount];
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var write = profiles[i];
                customerIds[i] = write.CustomerId;
                revisions[i] = write.Revision;
                snapshots[i] = write.Snapshot;
                wakeUps[i] = write.NextWakeUp is { } wakeUp ? StoreTime.ToUtcMicroseconds(wakeUp) : null;
                lastEvents[i] = write.LastEventAt is { } lastEvent ? StoreTime.ToUtcMicroseconds(lastEvent) : null;
                journalSequences[i] = write.JournalSequence;
                var identifiers = write.Identifiers;
                var identifiersOfWrite = identifiers.Count;
                if (identifiersOfWrite > identifierCount - next)
                {
                    ThrowChangedDuringCommit();
                }

                for (var j = 0; j < identifiersOfWrite; j++)
                {
                    var identifier = identifiers[j];
                    kinds[next] = (short)identifier.Kind;
                    keys[next] = identifier.Key;
                    owners[next] = write.CustomerId;
                    shared[next] = identifier.Shared;
                    ownerRevisions[next] = write.Revision;
                    next++;
                }
            }

            if (next != identifierCount)
            {
                ThrowChangedDuringCommit();
            }

            var upsertProfiles = new NpgsqlBatchCommand(PostgresSql.UpsertProfiles);
            upsertProfiles.Parameters.Add(Value(lease.Partition));
            upsertProfiles.Parameters.Add(Time(now));
            upsertProfiles.Parameters.Add(Array(customerIds, NpgsqlDbType.Text));
            upsertProfiles.Parameters.Add(Array(revisions, NpgsqlDbType.Bigint));
            upsertProfiles.Parameters.Add(Array(snapshots, NpgsqlDbType.Bytea));
            upsertProfiles.Parameters.Add(Array(wakeUps, NpgsqlDbType.TimestampTz));
            upsertProfiles.Parameters.Add(Array(lastEvents, NpgsqlDbType.TimestampTz));
            upsertProfiles.Parameters.Add(Array(journalSequences, NpgsqlDbType.Bigint));
            batch.BatchCommands.Add(upsertProfiles);

            var deleteRemoved = new NpgsqlBatchCommand(PostgresSql.DeleteRemovedIdentifiers);
            deleteRemoved.Parameters.Add(Array(customerIds, NpgsqlDbType.Text));
            deleteRemoved.Parameters.Add(Array(revisions, NpgsqlDbType.Bigint));
            deleteRemoved.Parameters.Add(Array(kinds, NpgsqlDbType.Smallint));
            deleteRemoved.Parameters.Add(Array(keys, NpgsqlDbType.Text));
            deleteRemoved.Parameters.Add(Array(owners, NpgsqlDbType.Text));
            batch.BatchCommands.Add(deleteRemoved);

            if (identifierCount > 0)
            {
                var upsertIdentifiers = new NpgsqlBatchCommand(PostgresSql.UpsertIdentifiers);
                upsertIdentifiers.Parameters.Add(Array(kinds, NpgsqlDbType.Smallint));
                upsertIdentifiers.Parameters.Add(Array(keys, NpgsqlDbType.Text));
                upsertIdentifiers.Parameters.Add(Array(owners, NpgsqlDbType.Text));
                upsertIdentifiers.Parameters.Add(Array(shared, NpgsqlDbType.Boolean));
                upsertIdentifiers.Parameters.Add(Array(ownerRevisions, NpgsqlDbType.Bigint));
                batch.BatchCommands.Add(upsertIdentifiers);
            }
        }

        var offsetCount = commit.Offsets.Count;
        if (offsetCount > 0)
        {
            var topics = new string[offsetCount];
            var nextOffsets = new long[offsetCount];
            var k = 0;
            foreach (var (topic, offset) in commit.Offsets)
            {
                topics[k] = topic;
                nextOffsets[k] = offset;
                k++;
            }

            var upsertOffsets = new NpgsqlBatchCommand(PostgresSql.UpsertOffsets);
            upsertOffsets.Parameters.Add(Value(lease.Group, NpgsqlDbType.Text));
            upsertOffsets.Parameters.Add(Value(lease.Partition));
            upsertOffsets.Parameters.Add(Array(topics, NpgsqlDbType.Text));
            upsertOffsets.Parameters.Add(Array(nextOffsets, NpgsqlDbType.Bigint));
            batch.BatchCommands.Add(upsertOffsets);
        }

        if (!commit.Journal.IsEmpty)
        {
            var insert = new NpgsqlBatchCommand(PostgresSql.InsertJournal);
            insert.Parameters.Add(Value(lease.Group, NpgsqlDbType.Text));
            insert.Parameters.Add(Value(lease.Partition));
            insert.Parameters.Add(Value(commit.JournalSequence));
            insert.Parameters.Add(Value(commit.Journal, NpgsqlDbType.Bytea)); // bound from the engine's buffer, no copy
            batch.BatchCommands.Add(insert);
        }

        if (commit.JournalSequence > 0)
        {
            var advance = new NpgsqlBatchCommand(PostgresSql.AdvanceJournal);
            advance.Parameters.Add(Value(lease.Group, NpgsqlDbType.Text));
            advance.Parameters.Add(Value(lease.Partition));
            advance.Parameters.Add(Value(commit.JournalSequence + 1));
            batch.BatchCommands.Add(advance);
        }

        if (commit.JournalKeepFrom > 0)
        {
            var truncate = new NpgsqlBatchCommand(PostgresSql.TruncateJournal);
            truncate.Parameters.Add(Value(lease.Group, NpgsqlDbType.Text));
            truncate.Parameters.Add(Value(lease.Partition));
            truncate.Parameters.Add(Value(commit.JournalKeepFrom));
            batch.BatchCommands.Add(truncate);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowChangedDuringCommit() =>
        throw new InvalidOperationException("A profile write's identifier list changed while the commit was being written.");
}
