using System.Text;
using CustomerView.Contracts.Events;
using CustomerView.Domain.Profiles;
using CustomerView.Domain.Identity;
using CustomerView.Kafka;
using CustomerView.Storage;
using Confluent.Kafka;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    private const int FetchBatch = 512;

    /// <summary>How long after a dead letter logged at Warning further ones are only counted (see <see cref="DeadLetterLog"/>).</summary>
    private static readonly TimeSpan DeadLetterLogWindow = TimeSpan.FromSeconds(10);

    private readonly List<Task> _pendingDeadLetters = [];
    private readonly List<ConsumeResult<byte[], byte[]>> _fetched = new(FetchBatch);
    private readonly Dictionary<string, int> _missing = new(StringComparer.Ordinal);
    private int _applied;
    private long _batchStarted;
    private long _nextDueWork;
    private long _nextProgressLog;

    private void Run()
    {
        var consumer = _consumer!;
        var token = _stopping.Token;
        try
        {
            consumer.Subscribe(_kafka.Topics);
            _started.TrySetResult();
            while (!token.IsCancellationRequested)
            {
                Fetch(consumer);
                if (_fetched.Count > 0)
                {
                    Prefetch();

                    // One clock read per fetched batch (a few milliseconds of work), not two per event.
                    var now = _time.GetUtcNow();
                    var touchedAt = _time.GetTimestamp();
                    foreach (var record in _fetched)
                    {
                        Process(record, now, touchedAt);
                    }

                    _fetched.Clear();
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

            _deadLetterLog.Flush();
            DeactivateAll();
        }
    }

    /// <summary>Takes what the consumer has ready, up to a batch: the first poll may wait, the rest do not.</summary>
    private void Fetch(IConsumer<byte[], byte[]> consumer)
    {
        var timeout = PollTimeout();
        while (_fetched.Count < FetchBatch)
        {
            ConsumeResult<byte[], byte[]>? record = null;
            try
            {
                record = consumer.Consume(timeout);
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                Log.ConsumeError(_logger, ex.Error.Reason);
            }

            if (record is null)
            {
                return;
            }

            if (record is { IsPartitionEOF: false, Message: not null })
            {
                _fetched.Add(record);
            }

            timeout = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Activates, with one storage round trip, the customers of the fetched records that are not active yet, so the
    /// records then apply without waiting on storage one by one.
    /// </summary>
    private void Prefetch()
    {
        _missing.Clear();
        Span<char> chars = stackalloc char[256];
        foreach (var record in _fetched)
        {
            if (record.Message.Key is { Length: > 0 and <= 256 } key && _partitions.TryGetValue(record.Partition.Value, out var partition) && !partition.Fenced)
            {
                // Most keys are customers already active: look them up by the transcoded key, with no string made.
                if (_actors.TryGetActive(chars[..Encoding.UTF8.GetChars(key, chars)], out _))
                {
                    continue;
                }

                var customerId = Encoding.UTF8.GetString(key);
                if (!_missing.ContainsKey(customerId) && CustomerId.Validate(customerId) is null)
                {
                    _missing.Add(customerId, record.Partition.Value);
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

    private void Process(ConsumeResult<byte[], byte[]> record, DateTimeOffset now, long touchedAt)
    {
        var partitionNumber = record.Partition.Value;
        if (!_partitions.TryGetValue(partitionNumber, out var partition) || partition.Fenced)
        {
            return;
        }

        if (_applied == 0)
        {
            _batchStarted = touchedAt;
        }

        _applied++;
        partition.Offsets[record.Topic] = record.Offset.Value + 1;
        partition.OffsetsChanged = true;
        Statistics.Consumed();

        var message = record.Message;
        if (message.Value is null || message.Value.Length == 0)
        {
            DeadLetter(record, DeadLetterCategories.Undecodable, "record has no value");
            return;
        }

        var format = FormatOf(message.Headers);
        var decoded = format == EventFormat.Unsupported
            ? _decoder.Decode(message.Value, ContentTypeOf(message.Headers))
            : _decoder.Decode(message.Value, format);
        if (decoded.Event is not { } e)
        {
            DeadLetter(record, CategoryOf(decoded.Error), decoded.Reason ?? "event does not decode");
            return;
        }

        if (!KeyMatches(message.Key, e.CustomerId.Value))
        {
            DeadLetter(record, DeadLetterCategories.InvalidEvent,
                $"record key does not match customer id {e.CustomerId}: producers must key each event by its customer id");
            return;
        }

        var actor = GetActor(e.CustomerId.Value, partitionNumber);
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
            AppendJournal(partition, message.Value, format, e);
        }

        Account(partition, actor, result, record);
    }

    private void Account(PartitionState partition, CustomerActor actor, ApplyResult result, ConsumeResult<byte[], byte[]>? record)
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
            case ApplyOutcome.Rejected when record is not null:
                Statistics.Applied();
                DeadLetter(record, RejectedCategory, result.Reason ?? "transition rejected");
                break;
            case ApplyOutcome.Invalid when record is not null:
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

    private void DeadLetter(ConsumeResult<byte[], byte[]> record, string category, string reason)
    {
        Statistics.DeadLettered();
        _deadLetterLog.Record(record.Topic, record.Partition.Value, record.Offset.Value, category, reason);
        // Not cancelled by stopping either: the record's offset commits only once its dead-letter copy is acknowledged.
        _pendingDeadLetters.Add(_deadLetters!.PublishAsync(record, category, reason, CancellationToken.None));
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

    private static EventFormat FormatOf(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(KafkaHeaders.ContentType, out var value)
            ? EventContentTypes.ResolveUtf8(value)
            : EventFormat.Protobuf;

    private static string? ContentTypeOf(Headers? headers)
    {
        if (headers is not null && headers.TryGetLastBytes(KafkaHeaders.ContentType, out var value))
        {
            return Encoding.UTF8.GetString(value);
        }

        return null;
    }

    private static bool KeyMatches(byte[]? key, string customerId)
    {
        if (key is null)
        {
            return false;
        }

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
