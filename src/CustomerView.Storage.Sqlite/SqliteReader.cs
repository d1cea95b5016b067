using System.Globalization;
using CustomerView.Domain;
using CustomerView.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace CustomerView.Storage.Sqlite;

/// <summary>A pooled read-only connection with its prepared queries; used by one caller at a time.</summary>
internal sealed class SqliteReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _selectProfile;
    private readonly SqliteCommand _selectMatches;
    private readonly SqliteCommand _selectWakeUps;
    private readonly SqliteCommand _selectJournal;

    private SqliteReader(SqliteConnection connection)
    {
        _connection = connection;
        _selectProfile = SqliteCommands.Create(connection, SqliteSql.SelectProfile, ("$customer", SqliteType.Text));
        _selectMatches = SqliteCommands.Create(connection, SqliteSql.SelectMatches,
            ("$kind", SqliteType.Integer), ("$key", SqliteType.Text), ("$max", SqliteType.Integer));
        _selectWakeUps = SqliteCommands.Create(connection, SqliteSql.SelectWakeUps,
            ("$partition", SqliteType.Integer), ("$until", SqliteType.Integer), ("$max", SqliteType.Integer));
        _selectJournal = SqliteCommands.Create(connection, SqliteSql.SelectJournal, ("$group", SqliteType.Text), ("$partition", SqliteType.Integer));
    }

    public static SqliteReader Open(string connectionString, int busyTimeoutMs)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = " + busyTimeoutMs.ToString(CultureInfo.InvariantCulture);
                pragma.ExecuteNonQuery();
            }

            return new SqliteReader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public StoredProfile? Load(string customerId)
    {
        _selectProfile.Parameters[0].Value = customerId;
        using var reader = _selectProfile.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new StoredProfile(
            customerId,
            reader.GetInt32(0),
            reader.GetInt64(1),
            reader.GetFieldValue<byte[]>(2),
            StoreTime.FromUnixMicroseconds(reader.GetInt64(3)))
        {
            JournalSequence = reader.GetInt64(4),
            NextWakeUp = reader.IsDBNull(5) ? null : StoreTime.FromUnixMicroseconds(reader.GetInt64(5)),
        };
    }

    public List<JournalBatch> Journal(string group, int partition)
    {
        _selectJournal.Parameters[0].Value = group;
        _selectJournal.Parameters[1].Value = partition;
        var batches = new List<JournalBatch>();
        using var reader = _selectJournal.ExecuteReader();
        while (reader.Read())
        {
            batches.Add(new JournalBatch(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return batches;
    }

    public List<IdentifierMatch> Lookup(IdentifierKind kind, string key, int max)
    {
        var parameters = _selectMatches.Parameters;
        parameters[0].Value = (long)kind;
        parameters[1].Value = key;
        parameters[2].Value = max;
        var matches = new List<IdentifierMatch>();
        using var reader = _selectMatches.ExecuteReader();
        while (reader.Read())
        {
            matches.Add(new IdentifierMatch(reader.GetString(0), reader.GetInt64(1) != 0, reader.GetInt32(2)));
        }

        return matches;
    }

    public List<WakeUp> WakeUps(int partition, long untilMicros, int max)
    {
        var parameters = _selectWakeUps.Parameters;
        parameters[0].Value = partition;
        parameters[1].Value = untilMicros;
        parameters[2].Value = max;
        var wakeUps = new List<WakeUp>();
        using var reader = _selectWakeUps.ExecuteReader();
        while (reader.Read())
        {
            wakeUps.Add(new WakeUp(reader.GetString(0), StoreTime.FromUnixMicroseconds(reader.GetInt64(1))));
        }

        return wakeUps;
    }

    public void Dispose()
    {
        _selectProfile.Dispose();
        _selectMatches.Dispose();
        _selectWakeUps.Dispose();
        _selectJournal.Dispose();
        _connection.Dispose();
    }
}
