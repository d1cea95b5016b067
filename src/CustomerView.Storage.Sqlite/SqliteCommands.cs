using Microsoft.Data.Sqlite;

namespace CustomerView.Storage.Sqlite;

/// <summary>Builds reusable commands: the statement is prepared on first use and kept with its parameters.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Create(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }

    /// <summary>A nullable time as microseconds since the Unix epoch, for a parameter.</summary>
    public static long? Micros(DateTimeOffset? value) => value is { } time ? Shared.StoreTime.ToUnixMicroseconds(time) : null;
}
