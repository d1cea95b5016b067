using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerView.Storage.Sqlite;

/// <summary>
/// The journal row insert as a raw prepared statement, so a batch's journal (hundreds of kilobytes) is bound straight
/// from the engine's buffer. Microsoft.Data.Sqlite 10 binds only whole arrays, which cost a copy of every batch.
/// Runs on the writer's connection, inside its transaction; not thread-safe, like the writer.
/// </summary>
internal sealed class SqliteJournalInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private sqlite3_stmt? _statement;

    public SqliteJournalInsert(SqliteConnection connection) => _connection = connection;

    /// <summary>Inserts one journal row (the statement is prepared on first use, after the schema is migrated).</summary>
    public void Execute(string group, int partition, long sequence, ReadOnlySpan<byte> data)
    {
        var db = _connection.Handle;
        if (_statement is null)
        {
            Check(raw.sqlite3_prepare_v2(db, SqliteSql.InsertJournal, out var statement), db);
            _statement = statement;
        }

        try
        {
            Check(raw.sqlite3_bind_text(_statement, 1, group), db);
            Check(raw.sqlite3_bind_int64(_statement, 2, partition), db);
            Check(raw.sqlite3_bind_int64(_statement, 3, sequence), db);
            Check(raw.sqlite3_bind_blob(_statement, 4, data), db);
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement?.Dispose();

    private static void Check(int rc, sqlite3? db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
