using CustomerView.Domain;
using CustomerView.Storage.Shared;

namespace CustomerView.Storage.Sqlite;

/// <summary>Reads, served by the pool of read-only connections.</summary>
internal sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<StoredProfile?> LoadAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return reader.Load(customerId);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredProfile>> LoadManyAsync(IReadOnlyList<string> customerIds, CancellationToken cancellationToken)
    {
        StoreArguments.CustomerIds(customerIds);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = new List<StoredProfile>(customerIds.Count);
            var seen = new HashSet<string>(customerIds.Count, StringComparer.Ordinal);
            foreach (var customerId in customerIds)
            {
                if (seen.Add(customerId) && reader.Load(customerId) is { } stored)
                {
                    found.Add(stored);
                }
            }

            return found;
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentifierMatch>> LookupAsync(IdentifierKind kind, string key, int max, CancellationToken cancellationToken)
    {
        StoreArguments.Lookup(kind, key, max);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return reader.Lookup(kind, key, max);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WakeUp>> LoadWakeUpsAsync(int partition, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        StoreArguments.WakeUps(partition, max);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return reader.WakeUps(partition, StoreTime.ToUnixMicroseconds(until), max);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalBatch>> LoadJournalAsync(string group, int partition, CancellationToken cancellationToken)
    {
        StoreArguments.Lease(group, partition);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return reader.Journal(group, partition);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    private async ValueTask<SqliteReader> RentReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _readerSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_idleReaders.TryDequeue(out var reader))
        {
            return reader;
        }

        try
        {
            return SqliteReader.Open(_readerConnectionString, _busyTimeoutMs);
        }
        catch
        {
            _readerSlots.Release();
            throw;
        }
    }

    private void ReturnReader(SqliteReader reader)
    {
        if (_disposed)
        {
            reader.Dispose();
        }
        else
        {
            _idleReaders.Enqueue(reader);
        }

        _readerSlots.Release();
    }
}
