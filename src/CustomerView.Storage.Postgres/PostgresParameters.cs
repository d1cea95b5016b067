using Npgsql;
using NpgsqlTypes;

namespace CustomerView.Storage.Postgres;

/// <summary>Typed positional parameters (no boxing, no name rewriting).</summary>
internal static class PostgresParameters
{
    public static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    public static NpgsqlParameter<T> Value<T>(T value, NpgsqlDbType type) => new() { TypedValue = value, NpgsqlDbType = type };

    public static NpgsqlParameter<DateTime> Time(DateTimeOffset value) =>
        new() { TypedValue = Shared.StoreTime.ToUtcMicroseconds(value), NpgsqlDbType = NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
