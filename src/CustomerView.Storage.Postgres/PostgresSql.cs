namespace CustomerView.Storage.Postgres;

/// <summary>
/// Every statement the PostgreSQL store runs, with positional parameters. Ids and keys use the "C" collation, so
/// "ordered by customer id" is byte-wise (ordinal) order, the same as SQLite's. Batches pass arrays and
/// <c>unnest</c> them, so a commit of any size is a fixed number of statements.
/// </summary>
internal static class PostgresSql
{
    /// <summary>A migration step: the version it brings the schema to, what it does, and its DDL.</summary>
    public readonly record struct Step(int Version, string Description, string Sql);

    /// <summary>Ordered migration steps; append new ones, never edit shipped ones.</summary>
    public static readonly Step[] Migrations =
    [
        new(1, "leases, offsets, profiles and identifiers", """
            CREATE TABLE partition_leases (
                "group" text COLLATE "C" NOT NULL,
                "partition" integer NOT NULL,
                token bigint NOT NULL,
                owner text NOT NULL,
                acquired_at timestamptz NOT NULL,
                PRIMARY KEY ("group", "partition")
            );
            CREATE TABLE offsets (
                "group" text COLLATE "C" NOT NULL,
                topic text COLLATE "C" NOT NULL,
                "partition" integer NOT NULL,
                next_offset bigint NOT NULL,
                PRIMARY KEY ("group", "partition", topic)
            );
            CREATE TABLE profiles (
                customer_id text COLLATE "C" NOT NULL PRIMARY KEY,
                "partition" integer NOT NULL,
                revision bigint NOT NULL,
                snapshot bytea NOT NULL,
                next_wakeup timestamptz NULL,
                last_event_at timestamptz NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE TABLE identifiers (
                kind smallint NOT NULL,
                key text COLLATE "C" NOT NULL,
                customer_id text COLLATE "C" NOT NULL,
                shared boolean NOT NULL,
                PRIMARY KEY (kind, key, customer_id)
            );
            """),
        new(2, "indexes for wake-ups and identifier replacement", """
            CREATE INDEX profiles_partition_wakeup ON profiles ("partition", next_wakeup);
            CREATE INDEX identifiers_customer ON identifiers (customer_id);
            """),
        new(3, "partition journals", """
            ALTER TABLE partition_leases ADD COLUMN journal_next bigint NOT NULL DEFAULT 1;
            ALTER TABLE profiles ADD COLUMN journal_seq bigint NOT NULL DEFAULT 0;
            CREATE TABLE journal (
                "group" text COLLATE "C" NOT NULL,
                "partition" integer NOT NULL,
                seq bigint NOT NULL,
                data bytea NOT NULL,
                PRIMARY KEY ("group", "partition", seq)
            );
            ALTER TABLE journal ALTER COLUMN data SET STORAGE EXTERNAL;
            """),
        // Values over ~2 KB are compressed when stored. For snapshots, PostgreSQL's default method (pglz) took 29 % of
        // the server's CPU under ingestion (perf); lz4 takes about 4 % for a similar size. Journal rows were stored
        // uncompressed to spare pglz's cost; with lz4 they shrink to about a quarter (the events repeat their source
        // systems and channels), which cuts the WAL written per event by a fifth. A server built without lz4 (or older
        // than 14, without the syntax) keeps both as they were: the block's handler undoes both statements.
        new(4, "lz4 compression for snapshots and journal rows", """
            DO $$
            BEGIN
                EXECUTE 'ALTER TABLE profiles ALTER COLUMN snapshot SET COMPRESSION lz4';
                EXECUTE 'ALTER TABLE journal ALTER COLUMN data SET STORAGE EXTENDED, ALTER COLUMN data SET COMPRESSION lz4';
            EXCEPTION WHEN feature_not_supported OR syntax_error THEN
                RAISE NOTICE 'this server has no lz4; snapshots and journal rows keep their compression';
            END
            $$;
            """),
        // Every customer's snapshot is rewritten as it changes. A new row version that fits on its page is a
        // heap-only update: neither index gets an entry, and the old version is pruned from the page later. Full pages
        // (the default fill factor, 100) sent each version to another page with both index entries, and the table
        // grew until vacuum caught up. Pages now keep 30 % free for the next versions of their rows (pages written
        // from now on; full pages of an existing table gain room as their rows move or vacuum frees them).
        new(5, "room on profile pages for in-place (HOT) updates", """
            ALTER TABLE profiles SET (fillfactor = 70);
            """),
    ];

    /// <summary>Serializes migrations across nodes until the migrating transaction ends ("CVSTORE1").</summary>
    public const string LockMigrations = "SELECT pg_advisory_xact_lock(4347862637390201137)";

    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version integer NOT NULL PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """;

    public const string SelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";

    public const string InsertVersion = "INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)";

    /// <summary>
    /// Plans each statement of the commit's transaction for its own arrays. The statements are prepared, and after five
    /// runs PostgreSQL may switch a prepared statement to one generic plan, which assumes an array parameter holds a
    /// hundred elements: for <see cref="DeleteRemovedIdentifiers"/> that plan was a nested-loop anti-join, which took
    /// 7.4 s for a commit of 3,334 customers (22 million row comparisons) where the plan for the real sizes, a hash
    /// anti-join, took 69 ms. <c>LOCAL</c> ends with the transaction, so it also holds behind a transaction-pooling proxy.
    /// </summary>
    public const string PlanForTheseArrays = "SET LOCAL plan_cache_mode = force_custom_plan";

    /// <summary>$1 group, $2 partition, $3 owner, $4 acquired_at.</summary>
    public const string UpsertLease = """
        INSERT INTO partition_leases ("group", "partition", token, owner, acquired_at)
        VALUES ($1, $2, 1, $3, $4)
        ON CONFLICT ("group", "partition") DO UPDATE
        SET token = partition_leases.token + 1, owner = EXCLUDED.owner, acquired_at = EXCLUDED.acquired_at
        RETURNING token, journal_next
        """;

    /// <summary>$1 group, $2 partition.</summary>
    public const string SelectOffsets = """SELECT topic, next_offset FROM offsets WHERE "group" = $1 AND "partition" = $2""";

    /// <summary>
    /// $1 groups, $2 partitions (pairwise). Locks the commit's lease rows until the commit ends, so no
    /// <c>AcquireAsync</c> can bump a token between this check and the commit's writes; one round trip for all
    /// partitions, locking in (group, partition) order so concurrent commits over overlapping partitions cannot deadlock.
    /// </summary>
    public const string LockLeases = """
        SELECT l."group", l."partition", l.token
        FROM partition_leases l JOIN unnest($1::text[], $2::int[]) AS k(g, p) ON l."group" = k.g AND l."partition" = k.p
        ORDER BY l."group", l."partition"
        FOR UPDATE OF l
        """;

    /// <summary>
    /// $1 partition, $2 updated_at, then arrays $3 customer ids, $4 revisions, $5 snapshots, $6 wake-ups, $7 last event
    /// times, $8 journal sequences. A stored profile with a higher revision is left as it is.
    /// </summary>
    public const string UpsertProfiles = """
        INSERT INTO profiles (customer_id, "partition", revision, snapshot, next_wakeup, last_event_at, updated_at, journal_seq)
        SELECT w.customer_id, $1, w.revision, w.snapshot, w.next_wakeup, w.last_event_at, $2, w.journal_seq
        FROM unnest($3::text[], $4::bigint[], $5::bytea[], $6::timestamptz[], $7::timestamptz[], $8::bigint[])
            AS w(customer_id, revision, snapshot, next_wakeup, last_event_at, journal_seq)
        ON CONFLICT (customer_id) DO UPDATE
        SET "partition" = EXCLUDED."partition", revision = EXCLUDED.revision, snapshot = EXCLUDED.snapshot,
            next_wakeup = EXCLUDED.next_wakeup, last_event_at = EXCLUDED.last_event_at, updated_at = EXCLUDED.updated_at,
            journal_seq = EXCLUDED.journal_seq
        WHERE profiles.revision <= EXCLUDED.revision
        """;

    /// <summary>$1 group, $2 partition, $3 seq, $4 data.</summary>
    public const string InsertJournal = """INSERT INTO journal ("group", "partition", seq, data) VALUES ($1, $2, $3, $4)""";

    /// <summary>$1 group, $2 partition, $3 next journal sequence.</summary>
    public const string AdvanceJournal = """
        UPDATE partition_leases SET journal_next = greatest(journal_next, $3) WHERE "group" = $1 AND "partition" = $2
        """;

    /// <summary>$1 group, $2 partition, $3 first sequence to keep.</summary>
    public const string TruncateJournal = """DELETE FROM journal WHERE "group" = $1 AND "partition" = $2 AND seq < $3""";

    /// <summary>$1 group, $2 partition.</summary>
    public const string SelectJournal = """SELECT seq, data FROM journal WHERE "group" = $1 AND "partition" = $2 ORDER BY seq""";

    /// <summary>
    /// Arrays $1 customer ids, $2 revisions (the batch's profiles), $3 kinds, $4 keys, $5 customer ids (the batch's
    /// identifiers). Deletes identifiers of the customers written by this batch (stored revision = written revision)
    /// that are not in their new sets.
    /// </summary>
    public const string DeleteRemovedIdentifiers = """
        DELETE FROM identifiers AS i
        USING unnest($1::text[], $2::bigint[]) AS w(customer_id, revision)
        JOIN profiles AS p ON p.customer_id = w.customer_id AND p.revision = w.revision
        WHERE i.customer_id = w.customer_id
          AND NOT EXISTS (
              SELECT 1 FROM unnest($3::smallint[], $4::text[], $5::text[]) AS n(kind, key, customer_id)
              WHERE n.customer_id = i.customer_id AND n.kind = i.kind AND n.key = i.key)
        """;

    /// <summary>Arrays $1 kinds, $2 keys, $3 customer ids, $4 shared flags, $5 revisions of the owning writes.</summary>
    public const string UpsertIdentifiers = """
        INSERT INTO identifiers (kind, key, customer_id, shared)
        SELECT n.kind, n.key, n.customer_id, n.shared
        FROM unnest($1::smallint[], $2::text[], $3::text[], $4::boolean[], $5::bigint[])
            AS n(kind, key, customer_id, shared, revision)
        JOIN profiles AS p ON p.customer_id = n.customer_id AND p.revision = n.revision
        ON CONFLICT (kind, key, customer_id) DO UPDATE SET shared = EXCLUDED.shared
        WHERE identifiers.shared <> EXCLUDED.shared
        """;

    /// <summary>$1 group, $2 partition, arrays $3 topics, $4 next offsets.</summary>
    public const string UpsertOffsets = """
        INSERT INTO offsets ("group", topic, "partition", next_offset)
        SELECT $1, o.topic, $2, o.next_offset FROM unnest($3::text[], $4::bigint[]) AS o(topic, next_offset)
        ON CONFLICT ("group", "partition", topic) DO UPDATE SET next_offset = EXCLUDED.next_offset
        """;

    /// <summary>$1 customer id.</summary>
    public const string SelectProfile = """SELECT "partition", revision, snapshot, updated_at, journal_seq, next_wakeup FROM profiles WHERE customer_id = $1""";

    /// <summary>Array $1 customer ids.</summary>
    public const string SelectProfiles = """
        SELECT customer_id, "partition", revision, snapshot, updated_at, journal_seq, next_wakeup FROM profiles WHERE customer_id = ANY($1)
        """;

    /// <summary>$1 kind, $2 key, $3 max.</summary>
    public const string SelectMatches = """
        SELECT i.customer_id, i.shared, p."partition"
        FROM identifiers AS i JOIN profiles AS p ON p.customer_id = i.customer_id
        WHERE i.kind = $1 AND i.key = $2
        ORDER BY i.customer_id
        LIMIT $3
        """;

    /// <summary>$1 partition, $2 until, $3 max.</summary>
    public const string SelectWakeUps = """
        SELECT customer_id, next_wakeup FROM profiles
        WHERE "partition" = $1 AND next_wakeup <= $2
        ORDER BY next_wakeup, customer_id
        LIMIT $3
        """;
}
