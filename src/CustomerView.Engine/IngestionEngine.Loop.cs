using System.Text;
using CustomerView.Contracts.Events;
using CustomerView.Domain;
using CustomerView.Domain.Profiles;
using CustomerView.Domain.Identity;
using CustomerView.Kafka;
using CustomerView.Storage;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    private const int FetchBatch = 512;

    /// <summary>Records between the steps of <see cref="PrefetchAhead"/>: enough for a miss to be served meanwhile (a few microseconds of work), few enough that the lines are still cached when used.</summary>
    private const int PrefetchDistance = 8;

    /// <summary>How long after a dead letter logged at Warning further ones are only counted (see <see cref="DeadLetterLog"/>).</summary>
    private static readonly TimeSpan DeadLetterLogWindow = TimeSpan.FromSeconds(10);

    private readonly List<Task> _pendingDeadLetters = [];
    private readonly Dictionary<string, int> _missing = new(StringComparer.Ordinal);

    /// <summary>The active actor <see cref="Prefetch"/> found for each record of the batch by its key, so applying it looks up no more.</summary>
    private readonly CustomerActor?[] _batchActors = new CustomerActor?[FetchBatch];
    private int _applied;
    private long _batchStarted;
    private long _nextDueWork;
    private long _nextProgressLog;

    private void Run()
    {
        var consumer = _consumer!;
        var reader = _reader!;
        var token = _stopping.Token;
        try
        {
            consumer.Subscribe(_kafka.Topics);
            _started.TrySetResult();
            while (!token.IsCancellationRequested)
            {
                // Takes what the consumer has ready, up to a batch: the first poll may wait, the rest do not.
                reader.Fetch(PollTimeout());
                var records = reader.Records;
                if (records.Length > 0)
                {
                    Prefetch(records);

                    // One clock read per fetched batch (a few milliseconds of work), not two per event.
                    var now = _time.GetUtcNow();
                    var touchedAt = _time.GetTimestamp();
                    for (var i = 0; i < records.Length; i++)
                    {
                        PrefetchAhead(i, records.Length);
                        Process(records[i], _batchActors[i], now, touchedAt);
                        _batchActors[i] = null;
                    }

                    reader.Release();
                }

                // A batch commits when it is full, or when it is due and the previous commit is done; meanwhile the
                // loop goes on applying, so storage's work overlaps with the next batch's. Clock work runs between
                // commits, when the stored wake-up times are those of everything committed.
                FinishCommitIfDone();
                _deadLetterLog.FlushIfWindowPassed();
                if (_inFlight is null && _time.GetTimestamp() >= _nextDueWork)
                {
                    RunDueWork();
                    LogProgress();
                }

                if (_applied > 0 && (_applied >= _options.MaxBatchSize || (_inFlight is null && Elapsed(_batchStarted) >= _options.MaxBatchDelay)))
                {
                    CommitAll();
                }
            }

            CommitAll(wait: true);
            reader.Release();
            consumer.Close();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failure = ex;
            Log.EngineFailed(_logger, ex);
            _started.TrySetException(ex);
        }
        finally
        {
            if (_inFlight is { } commit)
            {
                // Failed with a commit in flight: let storage finish it (its outcome no longer matters here) before the
                // actors go, so the store is not closed under it.
                _inFlight = null;
                ((Task)commit.Outcomes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            }

            _reader?.Release();
            _deadLetterLog.Flush();
            if (_failure is not null)
            {
                LeaveGroup(consumer);
            }

            DeactivateAll();
        }
    }

    /// <summary>
    /// After a failure, hands this node's partitions back to the group at once (their revocation commits nothing, see
    /// <see cref="OnRevoked"/>), so the other members resume them from the last commit without waiting for this
    /// member's session to time out. Whatever was applied and not committed is consumed again by the next owner.
    /// </summary>
    private void LeaveGroup(Confluent.Kafka.IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            consumer.Close();
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or InvalidOperationException or ObjectDisposedException)
        {
            Log.LeaveGroupFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Asks the processor for what applying the records a few ahead of record <paramref name="i"/> reads, in the three
    /// steps of <see cref="CustomerProfile.Prefetch"/>, each <see cref="PrefetchDistance"/> records after the one before
    /// (the actor itself was asked for when it was looked up): over many customers nearly every record's profile is out
    /// of the processor's caches, and this way its misses overlap with the work on the records before it.
    /// </summary>
    private void PrefetchAhead(int i, int count)
    {
        for (var step = PrefetchStep.Fields; step <= PrefetchStep.Entries; step++)
        {
            var ahead = i + ((PrefetchStep.Entries - step + 1) * PrefetchDistance);
            if (ahead < count && _batchActors[ahead] is { } actor)
            {
                actor.Profile.Prefetch(step);
            }
        }
    }

    /// <summary>
    /// Activates, with one storage round trip, the customers of the fetched records that are not active yet, so the
    /// records then apply without waiting on storage one by one.
    /// </summary>
    private void Prefetch(ReadOnlySpan<ConsumedRecord> records)
    {
        _missing.Clear();
        Span<char> chars = stackalloc char[256];
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var record = ref records[i];
            if (record.Key is { Length: > 0 and <= 256 } key && _partitions.TryGetValue(record.Partition, out var partition) && !partition.Fenced)
            {
                // Most keys are customers already active: look them up by the transcoded key, with no string made.
                if (_actors.TryGetActive(chars[..Encoding.UTF8.GetChars(key, chars)], out var active))
                {
                    _batchActors[i] = active;
                    MemoryHints.Prefetch(active, CustomerActor.FieldBytes);
                    continue;
                }

                var customerId = Encoding.UTF8.GetString(key);
                if (!_missing.ContainsKey(customerId) && CustomerId.Validate(customerId) is null)
                {
                    _missing.Add(customerId, record.Partition);
                }
            }
        }

        if (_missing.Count < 2)
        {
            return; // one is activated on its own as it is applied
        }

        var stored = _store.LoadManyAsync([.. _missing.Keys], CancellationToken.None).GetAwaiter().GetResult();
        var found = new Dictionary<string, StoredProfile>(stored.Count, StringComparer.Ordinal);
        foreach (var profile in stored)
        {
            found[profile.CustomerId] = profile;
        }

        foreach (var (customerId, partition) in _missing)
        {
            var pending = _actors.GetOrActivateAsync(customerId, new Preloaded(partition, found.GetValueOrDefault(customerId)), CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>
    /// How long one poll may block: never past the batch's deadline (nor long while a due batch waits for the commit
    /// in flight), and never long enough to delay a stop.
    /// </summary>
    private TimeSpan PollTimeout()
    {
        var idle = TimeSpan.FromMilliseconds(100);
        if (_applied == 0)
        {
            return idle;
        }

        var left = _options.MaxBatchDelay - Elapsed(_batchStarted);
        if (left <= TimeSpan.Zero)
        {
            // Due, but waiting for the commit in flight: poll briefly rather than spin.
            return _inFlight is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(1);
        }

        return left < idle ? left : idle;
    }

    private TimeSpan Elapsed(long since) => _time.GetElapsedTime(since);

    /// <summary>Decodes and applies one record, or dead-letters it with the reason.</summary>
    /// <param name="record">The record.</param>
    /// <param name="active">The actor found active for the record's key when the batch was fetched, if any.</param>
    /// <param name="now">The batch's wall-clock time.</param>
    /// <param name="touchedAt">The batch's timestamp.</param>
    private void Process(in ConsumedRecord record, CustomerActor? active, DateTimeOffset now, long touchedAt)
    {
        var partitionNumber = record.Partition;
        if (!_partitions.TryGetValue(partitionNumber, out var partition) || partition.Fenced)
        {
            return;
        }

        if (_applied == 0)
        {
            _batchStarted = touchedAt;
        }

        _applied++;
        partition.Offsets[record.Topic] = record.Offset + 1;
        partition.OffsetsChanged = true;
        Statistics.Consumed();

        var value = record.Value;
        if (value.IsEmpty)
        {
            DeadLetter(record, DeadLetterCategories.Undecodable, "record has no value");
            return;
        }

        // No content type means protobuf; an unknown one is dead-lettered with its name.
        var format = record.TryGetLastHeader(KafkaHeaders.ContentTypeUtf8, out var contentType) ? EventContentTypes.ResolveUtf8(contentType) : EventFormat.Protobuf;
        var decoded = format == EventFormat.Unsupported
            ? _decoder.Decode(value, Encoding.UTF8.GetString(contentType))
            : _decoder.Decode(value, format, active?.Profile.CustomerId.Value);
        if (decoded.Event is not { } e)
        {
            DeadLetter(record, CategoryOf(decoded.Error), decoded.Reason ?? "event does not decode");
            return;
        }

        if (!KeyMatches(record.Key, e.CustomerId.Value))
        {
            DeadLetter(record, DeadLetterCategories.InvalidEvent,
                $"record key does not match customer id {e.CustomerId}: producers must key each event by its customer id");
            return;
        }

        // The key is the customer id (checked above), so the actor found by key is this customer's, unless it was
        // deactivated since; then the turn below fails and it is activated again.
        var actor = active ?? GetActor(e.CustomerId.Value, partitionNumber);
        if (actor.Partition != partitionNumber)
        {
            DeadLetter(record, DeadLetterCategories.InvalidEvent,
                $"customer {e.CustomerId} belongs to partition {actor.Partition} but this record came from partition {partitionNumber}: producers must partition by customer id with the same partitioner");
            return;
        }

        ApplyResult result;
        while (!_actors.TryRun(actor, touchedAt, (e, now), static (a, s) => a.Apply(s.e, s.now), out result))
        {
            actor = GetActor(e.CustomerId.Value, partitionNumber);
        }

        if (result.HasChanges)
        {
            AppendJournal(partition, value, format, e);
        }

        Account(partition, actor, result, record);
    }

    private void Account(PartitionState partition, CustomerActor actor, ApplyResult result, in ConsumedRecord record)
    {
        if (result.HasChanges || actor.Dirty)
        {
            partition.Dirty.Add(actor);
        }

        switch (result.Outcome)
        {
            case ApplyOutcome.Applied:
                Statistics.Applied();
                break;
            case ApplyOutcome.Duplicate:
                Statistics.Duplicate();
                break;
            case ApplyOutcome.Rejected:
                Statistics.Applied();
                DeadLetter(record, RejectedCategory, result.Reason ?? "transition rejected");
                break;
            case ApplyOutcome.Invalid:
                DeadLetter(record, DeadLetterCategories.InvalidEvent, result.Reason ?? "event is invalid");
                break;
        }
    }

    private CustomerActor GetActor(string customerId, int partition)
    {
        // Not cancelled by stopping: the loop only looks at the stop request between records, so that whatever it
        // applied is always committed on the way out.
        var pending = _actors.GetOrActivateAsync(customerId, partition, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private void DeadLetter(in ConsumedRecord record, string category, string reason)
    {
        Statistics.DeadLettered();
        _deadLetterLog.Record(record.Topic, record.Partition, record.Offset, category, reason);
        // Not cancelled by stopping either: the record's offset commits only once its dead-letter copy is acknowledged.
        _pendingDeadLetters.Add(_deadLetters!.PublishAsync(record.ToConsumeResult(), category, reason, CancellationToken.None));
    }

    private void DeactivateAll()
    {
        _actors.DeactivateWhere(static _ => true);
        _partitions.Clear();
        _owned = System.Collections.Frozen.FrozenSet<int>.Empty;
    }

    private void LogProgress()
    {
        if (_time.GetTimestamp() < _nextProgressLog || _consumer is null)
        {
            return;
        }

        _nextProgressLog = _time.GetTimestamp() + (long)(5 * _time.TimestampFrequency);
        long lag = 0;
        foreach (var tp in _consumer.Assignment)
        {
            var watermarks = _consumer.GetWatermarkOffsets(tp);
            if (watermarks.High.Value >= 0 && _partitions.TryGetValue(tp.Partition.Value, out var state))
            {
                var next = state.Offsets.TryGetValue(tp.Topic, out var offset) ? offset : watermarks.Low.Value;
                lag += Math.Max(0, watermarks.High.Value - Math.Max(next, watermarks.Low.Value));
            }
        }

        if (lag > 0)
        {
            Log.CatchingUp(_logger, lag, Statistics.Snapshot().Applied, _actors.ActiveCount);
        }
    }

    private static bool KeyMatches(ReadOnlySpan<byte> key, string customerId)
    {
        Span<byte> expected = stackalloc byte[Encoding.UTF8.GetMaxByteCount(customerId.Length)];
        var length = Encoding.UTF8.GetBytes(customerId, expected);
        return expected[..length].SequenceEqual(key);
    }

    private static string CategoryOf(DecodeError error) => error switch
    {
        DecodeError.UnsupportedContentType => DeadLetterCategories.UnsupportedContentType,
        DecodeError.Undecodable => DeadLetterCategories.Undecodable,
        DecodeError.TooLarge => "too-large",
        DecodeError.MissingCustomerId => "missing-customer-id",
        DecodeError.UnknownPayload => "unknown-payload",
        _ => DeadLetterCategories.InvalidEvent,
    };

    /// <summary>Dead-letter category of a valid event whose transition the profile refused.</summary>
    public const string RejectedCategory = "rejected-transition";
}
