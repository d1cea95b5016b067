using System.Collections.Concurrent;
using CustomerView.Storage.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerView.Storage.Sqlite;

/// <summary>
/// The SQLite <see cref="IProfileStore"/>: one writer connection, used by one caller at a time (a semaphore) inside
/// <c>BEGIN IMMEDIATE</c> transactions, and a small pool of read-only connections; WAL mode lets the readers run while
/// the writer commits. Each connection keeps its commands, so statements are prepared once.
/// </summary>
internal sealed partial class SqliteStore : IProfileStore
{
    private const string StoreName = "SQLite";

    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;
    private readonly int _busyTimeoutMs;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _readerSlots;
    private readonly ConcurrentQueue<SqliteReader> _idleReaders = new();
    private SqliteWriter? _writer;
    private volatile bool _disposed;

    public SqliteStore(SqliteStoreOptions options)
    {
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _busyTimeoutMs = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _logger = options.LoggerFactory?.CreateLogger("CustomerView.Storage.Sqlite") ?? NullLogger.Instance;
        _time = options.TimeProvider ?? TimeProvider.System;
        _readerSlots = new SemaphoreSlim(options.ReaderConnections, options.ReaderConnections);
    }

    /// <summary>Opens the writer connection (WAL, full sync, busy timeout) and migrates the schema.</summary>
    public async Task OpenAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        _writer = SqliteWriter.Open(_writerConnectionString, _busyTimeoutMs);
        await MigrateAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = writer.Migrate(progress, _logger, _time.GetUtcNow(), cancellationToken, out var applied);
            if (applied == 0)
            {
                StoreLog.SchemaUpToDate(_logger, StoreName, version);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<PartitionLease> AcquireAsync(string group, int partition, string ownerId, CancellationToken cancellationToken)
    {
        StoreArguments.Acquire(group, partition, ownerId);
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        PartitionLease lease;
        try
        {
            lease = writer.Acquire(group, partition, ownerId, _time.GetUtcNow());
        }
        finally
        {
            _writeLock.Release();
        }

        StoreLog.LeaseAcquired(_logger, group, partition, ownerId, lease.Token);
        return lease;
    }

    /// <inheritdoc />
    public async Task<CommitOutcome> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        var outcomes = await CommitAsync([commit], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionCommit> commits, CancellationToken cancellationToken)
    {
        StoreArguments.Commits(commits);
        var writer = await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        long[] currentTokens;
        try
        {
            currentTokens = writer.Commit(commits, StoreTime.ToUnixMicroseconds(_time.GetUtcNow()), cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        var outcomes = new CommitOutcome[commits.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var lease = commits[i].Lease;
            if (currentTokens[i] == lease.Token)
            {
                outcomes[i] = CommitOutcome.Committed;
                continue;
            }

            outcomes[i] = CommitOutcome.Fenced;
            StoreLog.CommitFenced(_logger, lease.Group, lease.Partition, lease.Token, currentTokens[i]);
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeLock.Release();
        }

        while (_idleReaders.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    private async ValueTask<SqliteWriter> EnterWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_writer is { } writer && !_disposed)
        {
            return writer;
        }

        _writeLock.Release();
        throw new ObjectDisposedException(nameof(SqliteStore));
    }
}
