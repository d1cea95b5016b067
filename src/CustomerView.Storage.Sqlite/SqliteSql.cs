namespace CustomerView.Storage.Sqlite;

/// <summary>
/// Every statement the SQLite store runs. Times are INTEGER microseconds since the Unix epoch (UTC); identifier kinds are
/// the <c>IdentifierKind</c> numbers; text compares with SQLite's BINARY collation (byte-wise UTF-8).
/// </summary>
internal static class SqliteSql
{
    /// <summary>A migration step: the version it brings the schema to, what it does, and its DDL.</summary>
    public readonly record struct Step(int Version, string Description, string Sql);

    /// <summary>Ordered migration steps; append new ones, never edit shipped ones.</summary>
    public static readonly Step[] Migrations =
    [
        new(1, "leases, offsets, profiles and identifiers", """
            CREATE TABLE partition_leases (
                "group" TEXT NOT NULL,
                "partition" INTEGER NOT NULL,
                token INTEGER NOT NULL,
                owner TEXT NOT NULL,
                acquired_at INTEGER NOT NULL,
                PRIMARY KEY ("group", "partition")
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE offsets (
                "group" TEXT NOT NULL,
                topic TEXT NOT NULL,
                "partition" INTEGER NOT NULL,
                next_offset INTEGER NOT NULL,
                PRIMARY KEY ("group", "partition", topic)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE profiles (
                customer_id TEXT NOT NULL PRIMARY KEY,
                "partition" INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                snapshot BLOB NOT NULL,
                next_wakeup INTEGER NULL,
                last_event_at INTEGER NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE identifiers (
                kind INTEGER NOT NULL,
                key TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                shared INTEGER NOT NULL,
                PRIMARY KEY (kind, key, customer_id)
            ) STRICT, WITHOUT ROWID;
            """),
        new(2, "indexes for wake-ups and identifier replacement", """
            CREATE INDEX profiles_partition_wakeup ON profiles ("partition", next_wakeup);
            CREATE INDEX identifiers_customer ON identifiers (customer_id);
            """),
        new(3, "partition journals", """
            ALTER TABLE partition_leases ADD COLUMN journal_next INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE profiles ADD COLUMN journal_seq INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE journal (
                id INTEGER PRIMARY KEY,
                "group" TEXT NOT NULL,
                "partition" INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                data BLOB NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX journal_partition_seq ON journal ("group", "partition", seq);
            """),
    ];

    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT
        """;

    public const string SelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";

    public const string InsertVersion = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $at)";

    public const string UpsertLease = """
        INSERT INTO partition_leases ("group", "partition", token, owner, acquired_at)
        VALUES ($group, $partition, 1, $owner, $at)
        ON CONFLICT ("group", "partition") DO UPDATE
        SET token = token + 1, owner = excluded.owner, acquired_at = excluded.acquired_at
        RETURNING token, journal_next
        """;

    public const string SelectOffsets = """SELECT topic, next_offset FROM offsets WHERE "group" = $group AND "partition" = $partition""";

    public const string SelectToken = """SELECT token FROM partition_leases WHERE "group" = $group AND "partition" = $partition""";

    /// <summary>
    /// Writes a profile unless the stored one has a higher revision (changes() is then 0). Positional parameters, for
    /// <see cref="SqliteRawStatement"/>: customer, partition, revision, snapshot, wake-up, last event, updated, journal sequence.
    /// </summary>
    public const string UpsertProfile = """
        INSERT INTO profiles (customer_id, "partition", revision, snapshot, next_wakeup, last_event_at, updated_at, journal_seq)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (customer_id) DO UPDATE
        SET "partition" = excluded."partition", revision = excluded.revision, snapshot = excluded.snapshot,
            next_wakeup = excluded.next_wakeup, last_event_at = excluded.last_event_at, updated_at = excluded.updated_at,
            journal_seq = excluded.journal_seq
        WHERE excluded.revision >= profiles.revision
        """;

    /// <summary>A journal row; positional parameters, for <see cref="SqliteRawStatement"/>: group, partition, sequence, data.</summary>
    public const string InsertJournal = """
        INSERT INTO journal ("group", "partition", seq, data) VALUES (?1, ?2, ?3, ?4)
        """;

    public const string AdvanceJournal = """
        UPDATE partition_leases SET journal_next = max(journal_next, $next) WHERE "group" = $group AND "partition" = $partition
        """;

    public const string TruncateJournal = """
        DELETE FROM journal WHERE "group" = $group AND "partition" = $partition AND seq < $keep_from
        """;

    public const string SelectJournal = """
        SELECT seq, data FROM journal WHERE "group" = $group AND "partition" = $partition ORDER BY seq
        """;

    public const string SelectCustomerIdentifiers = "SELECT kind, key, shared FROM identifiers WHERE customer_id = $customer";

    public const string DeleteIdentifier = "DELETE FROM identifiers WHERE kind = $kind AND key = $key AND customer_id = $customer";

    public const string UpsertIdentifier = """
        INSERT INTO identifiers (kind, key, customer_id, shared) VALUES ($kind, $key, $customer, $shared)
        ON CONFLICT (kind, key, customer_id) DO UPDATE SET shared = excluded.shared
        """;

    public const string UpsertOffset = """
        INSERT INTO offsets ("group", topic, "partition", next_offset) VALUES ($group, $topic, $partition, $offset)
        ON CONFLICT ("group", "partition", topic) DO UPDATE SET next_offset = excluded.next_offset
        """;

    public const string SelectProfile = """
        SELECT "partition", revision, snapshot, updated_at, journal_seq, next_wakeup FROM profiles WHERE customer_id = $customer
        """;

    public const string SelectMatches = """
        SELECT i.customer_id, i.shared, p."partition"
        FROM identifiers AS i JOIN profiles AS p ON p.customer_id = i.customer_id
        WHERE i.kind = $kind AND i.key = $key
        ORDER BY i.customer_id
        LIMIT $max
        """;

    public const string SelectWakeUps = """
        SELECT customer_id, next_wakeup FROM profiles
        WHERE "partition" = $partition AND next_wakeup <= $until
        ORDER BY next_wakeup, customer_id
        LIMIT $max
        """;
}
