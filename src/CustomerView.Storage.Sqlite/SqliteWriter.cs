using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CustomerView.Storage.Sqlite;

/// <summary>
/// The one read-write connection and its prepared commands. Not thread-safe: the store lets one caller in at a time.
/// Every write runs in a <c>BEGIN IMMEDIATE</c> transaction, so it takes SQLite's write lock up front (waiting up to
/// the busy timeout for another process) and cannot fail half-way on a lock upgrade.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsertLease;
    private readonly SqliteCommand _selectOffsets;
    private readonly SqliteCommand _selectToken;
    private readonly SqliteRawStatement _upsertProfile;
    private readonly SqliteCommand _selectIdentifiers;
    private readonly SqliteCommand _deleteIdentifier;
    private readonly SqliteCommand _upsertIdentifier;
    private readonly SqliteCommand _upsertOffset;
    private readonly SqliteRawStatement _insertJournal;
    private readonly SqliteCommand _advanceJournal;
    private readonly SqliteCommand _truncateJournal;
    private readonly SqliteCommand[] _all;
    private readonly List<StoredIdentifier> _stored = new(8);

    private SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _upsertLease = SqliteCommands.Create(connection, SqliteSql.UpsertLease,
            ("$group", SqliteType.Text), ("$partition", SqliteType.Integer), ("$owner", SqliteType.Text), ("$at", SqliteType.Integer));
        _selectOffsets = SqliteCommands.Create(connection, SqliteSql.SelectOffsets, ("$group", SqliteType.Text), ("$partition", SqliteType.Integer));
        _selectToken = SqliteCommands.Create(connection, SqliteSql.SelectToken, ("$group", SqliteType.Text), ("$partition", SqliteType.Integer));
        _upsertProfile = new SqliteRawStatement(connection, SqliteSql.UpsertProfile);
        _selectIdentifiers = SqliteCommands.Create(connection, SqliteSql.SelectCustomerIdentifiers, ("$customer", SqliteType.Text));
        _deleteIdentifier = SqliteCommands.Create(connection, SqliteSql.DeleteIdentifier,
            ("$kind", SqliteType.Integer), ("$key", SqliteType.Text), ("$customer", SqliteType.Text));
        _upsertIdentifier = SqliteCommands.Create(connection, SqliteSql.UpsertIdentifier,
            ("$kind", SqliteType.Integer), ("$key", SqliteType.Text), ("$customer", SqliteType.Text), ("$shared", SqliteType.Integer));
        _upsertOffset = SqliteCommands.Create(connection, SqliteSql.UpsertOffset,
            ("$group", SqliteType.Text), ("$topic", SqliteType.Text), ("$partition", SqliteType.Integer), ("$offset", SqliteType.Integer));
        _insertJournal = new SqliteRawStatement(connection, SqliteSql.InsertJournal);
        _advanceJournal = SqliteCommands.Create(connection, SqliteSql.AdvanceJournal,
            ("$group", SqliteType.Text), ("$partition", SqliteType.Integer), ("$next", SqliteType.Integer));
        _truncateJournal = SqliteCommands.Create(connection, SqliteSql.TruncateJournal,
            ("$group", SqliteType.Text), ("$partition", SqliteType.Integer), ("$keep_from", SqliteType.Integer));
        _all = [_upsertLease, _selectOffsets, _selectToken, _selectIdentifiers, _deleteIdentifier, _upsertIdentifier, _upsertOffset,
            _advanceJournal, _truncateJournal];
    }

    public static SqliteWriter Open(string connectionString, int busyTimeoutMs)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, null, "PRAGMA busy_timeout = " + busyTimeoutMs.ToString(CultureInfo.InvariantCulture));
            Execute(connection, null, "PRAGMA journal_mode = WAL");
            // FULL: a commit is on disk (WAL fsynced) before CommitAsync returns; acknowledged batches survive power loss.
            Execute(connection, null, "PRAGMA synchronous = FULL");
            return new SqliteWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies the migration steps newer than the stored version, all in one transaction.</summary>
    public int Migrate(IProgress<string>? progress, ILogger logger, DateTimeOffset now, CancellationToken cancellationToken, out int applied)
    {
        applied = 0;
        using var transaction = _connection.BeginTransaction(deferred: false);
        Execute(_connection, transaction, SqliteSql.CreateVersionTable);
        var version = Convert.ToInt32(Scalar(_connection, transaction, SqliteSql.SelectVersion), CultureInfo.InvariantCulture);
        var latest = SqliteSql.Migrations[^1].Version;
        if (version > latest)
        {
            throw new InvalidOperationException(
                $"The SQLite schema is at version {version}, newer than this build knows ({latest}); upgrade the service instead.");
        }

        progress?.Report($"SQLite schema at version {version} of {latest}");
        foreach (var step in SqliteSql.Migrations)
        {
            if (step.Version <= version)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"SQLite migration {step.Version}: {step.Description}");
            Execute(_connection, transaction, step.Sql);
            using (var insert = SqliteCommands.Create(_connection, SqliteSql.InsertVersion,
                ("$version", SqliteType.Integer), ("$description", SqliteType.Text), ("$at", SqliteType.Integer)))
            {
                insert.Transaction = transaction;
                insert.Parameters[0].Value = step.Version;
                insert.Parameters[1].Value = step.Description;
                insert.Parameters[2].Value = Shared.StoreTime.ToUnixMicroseconds(now);
                insert.ExecuteNonQuery();
            }

            Shared.StoreLog.MigrationApplied(logger, "SQLite", step.Version, step.Description);
            version = step.Version;
            applied++;
        }

        transaction.Commit();
        progress?.Report(applied == 0
            ? $"SQLite schema is up to date at version {version}"
            : $"SQLite schema migrated to version {version} ({applied} step(s))");
        return version;
    }

    public PartitionLease Acquire(string group, int partition, string ownerId, DateTimeOffset now)
    {
        using var transaction = Begin();
        _upsertLease.Parameters[0].Value = group;
        _upsertLease.Parameters[1].Value = partition;
        _upsertLease.Parameters[2].Value = ownerId;
        _upsertLease.Parameters[3].Value = Shared.StoreTime.ToUnixMicroseconds(now);
        long token;
        long journalNext;
        using (var reader = _upsertLease.ExecuteReader())
        {
            reader.Read();
            token = reader.GetInt64(0);
            journalNext = reader.GetInt64(1);
        }

        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        _selectOffsets.Parameters[0].Value = group;
        _selectOffsets.Parameters[1].Value = partition;
        using (var reader = _selectOffsets.ExecuteReader())
        {
            while (reader.Read())
            {
                offsets[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        transaction.Commit();
        return new PartitionLease(group, partition, token, offsets) { JournalNext = journalNext };
    }

    /// <summary>
    /// Writes every batch whose lease is current, all in one transaction; returns each partition's current token
    /// (0 when it has none): a batch whose token differs wrote nothing.
    /// </summary>
    public long[] Commit(IReadOnlyList<PartitionCommit> commits, long nowMicros, CancellationToken cancellationToken)
    {
        var tokens = new long[commits.Count];
        using var transaction = Begin();
        for (var i = 0; i < tokens.Length; i++)
        {
            var commit = commits[i];
            _selectToken.Parameters[0].Value = commit.Lease.Group;
            _selectToken.Parameters[1].Value = commit.Lease.Partition;
            tokens[i] = _selectToken.ExecuteScalar() is long token ? token : 0L;
            if (tokens[i] == commit.Lease.Token)
            {
                Write(commit, nowMicros, cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return tokens;
    }

    private void Write(PartitionCommit commit, long nowMicros, CancellationToken cancellationToken)
    {
        var lease = commit.Lease;
        var profiles = commit.Profiles;
        var count = profiles.Count;
        var upsert = _upsertProfile;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var write = profiles[i];
            upsert.Bind(1, write.CustomerId);
            upsert.Bind(2, lease.Partition);
            upsert.Bind(3, write.Revision);
            upsert.Bind(4, write.Snapshot.Span);
            upsert.Bind(5, SqliteCommands.Micros(write.NextWakeUp));
            upsert.Bind(6, SqliteCommands.Micros(write.LastEventAt));
            upsert.Bind(7, nowMicros);
            upsert.Bind(8, write.JournalSequence);
            if (upsert.Execute() != 0 && write.IdentifiersChanged)
            {
                ReplaceIdentifiers(write);
            }
        }

        if (!commit.Journal.IsEmpty)
        {
            _insertJournal.Bind(1, lease.Group);
            _insertJournal.Bind(2, lease.Partition);
            _insertJournal.Bind(3, commit.JournalSequence);
            _insertJournal.Bind(4, commit.Journal.Span);
            _insertJournal.Execute();
        }

        if (commit.JournalSequence > 0)
        {
            var advance = _advanceJournal.Parameters;
            advance[0].Value = lease.Group;
            advance[1].Value = lease.Partition;
            advance[2].Value = commit.JournalSequence + 1;
            _advanceJournal.ExecuteNonQuery();
        }

        if (commit.JournalKeepFrom > 0)
        {
            var truncate = _truncateJournal.Parameters;
            truncate[0].Value = lease.Group;
            truncate[1].Value = lease.Partition;
            truncate[2].Value = commit.JournalKeepFrom;
            _truncateJournal.ExecuteNonQuery();
        }

        var offsets = _upsertOffset.Parameters;
        offsets[0].Value = lease.Group;
        offsets[2].Value = lease.Partition;
        foreach (var (topic, next) in commit.Offsets)
        {
            offsets[1].Value = topic;
            offsets[3].Value = next;
            _upsertOffset.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }

        _upsertProfile.Dispose();
        _insertJournal.Dispose();
        _connection.Dispose();
    }

    /// <summary>Makes the stored identifier set of a written customer equal to its new set: deletes removed ones, upserts new or changed ones.</summary>
    private void ReplaceIdentifiers(ProfileWrite write)
    {
        _stored.Clear();
        _selectIdentifiers.Parameters[0].Value = write.CustomerId;
        using (var reader = _selectIdentifiers.ExecuteReader())
        {
            while (reader.Read())
            {
                _stored.Add(new StoredIdentifier(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) != 0));
            }
        }

        var wanted = write.Identifiers;
        var count = wanted.Count;
        var delete = _deleteIdentifier.Parameters;
        delete[2].Value = write.CustomerId;
        foreach (var stored in _stored)
        {
            if (IndexOf(wanted, count, stored.Kind, stored.Key) < 0)
            {
                delete[0].Value = stored.Kind;
                delete[1].Value = stored.Key;
                _deleteIdentifier.ExecuteNonQuery();
            }
        }

        var upsert = _upsertIdentifier.Parameters;
        upsert[2].Value = write.CustomerId;
        for (var i = 0; i < count; i++)
        {
            var identifier = wanted[i];
            if (IsStored(identifier))
            {
                continue;
            }

            upsert[0].Value = (long)identifier.Kind;
            upsert[1].Value = identifier.Key;
            upsert[3].Value = identifier.Shared ? 1L : 0L;
            _upsertIdentifier.ExecuteNonQuery();
        }
    }

    private bool IsStored(IndexedIdentifier identifier)
    {
        foreach (var stored in _stored)
        {
            if (stored.Kind == (long)identifier.Kind && stored.Shared == identifier.Shared
                && string.Equals(stored.Key, identifier.Key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<IndexedIdentifier> identifiers, int count, long kind, string key)
    {
        for (var i = 0; i < count; i++)
        {
            var identifier = identifiers[i];
            if ((long)identifier.Kind == kind && string.Equals(identifier.Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private SqliteTransaction Begin()
    {
        var transaction = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        return transaction;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private readonly record struct StoredIdentifier(long Kind, string Key, bool Shared);
}
