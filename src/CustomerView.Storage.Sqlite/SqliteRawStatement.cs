using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerView.Storage.Sqlite;

/// <summary>
/// A statement run through SQLite's own API, so byte payloads are bound straight from the caller's memory: a batch's
/// journal (hundreds of kilobytes) from the engine's buffer, each snapshot from the piece of the commit's block it
/// was encoded into. Microsoft.Data.Sqlite 10 binds only whole arrays, which cost a copy of each. Parameters are
/// positional (<c>?1</c>, <c>?2</c>, …); every execution binds all of them. Runs on the writer's connection, inside
/// its transaction; not thread-safe, like the writer.
/// </summary>
/// <param name="connection">The open connection.</param>
/// <param name="sql">One statement; prepared on first use, after the schema is migrated.</param>
internal sealed class SqliteRawStatement(SqliteConnection connection, string sql) : IDisposable
{
    private sqlite3_stmt? _statement;

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(Statement, index, value));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(Statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(Statement, index, v) : raw.sqlite3_bind_null(Statement, index));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(Statement, index, value));

    /// <summary>Runs the statement with what was bound; returns the rows it changed.</summary>
    public int Execute()
    {
        var statement = Statement;
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            return raw.sqlite3_changes(connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => _statement?.Dispose();

    private sqlite3_stmt Statement
    {
        get
        {
            if (_statement is null)
            {
                Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
                _statement = statement;
            }

            return _statement;
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }
}
