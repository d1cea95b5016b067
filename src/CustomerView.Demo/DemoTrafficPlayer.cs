using System.Diagnostics;
using CustomerView.Domain.Events;
using CustomerView.Kafka;

namespace CustomerView.Demo;

/// <summary>
/// Publishes demo events through a <see cref="ChannelEventProducer"/> to the channel topics: key = customer id,
/// header <c>content-type</c>, mostly protobuf with a share of JSON, at a target rate, optionally with poison records.
/// </summary>
public sealed class DemoTrafficPlayer
{
    private readonly ChannelEventProducer _producer;
    private readonly DemoPlayerOptions _options;

    /// <summary>Creates a player that publishes through <paramref name="producer"/> (which stays the caller's).</summary>
    /// <param name="producer">The producer.</param>
    /// <param name="options">Rate, formats and poison; null for the defaults.</param>
    public DemoTrafficPlayer(ChannelEventProducer producer, DemoPlayerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        _producer = producer;
        _options = options ?? new DemoPlayerOptions();
        _options.Validate();
    }

    /// <summary>
    /// Publishes <paramref name="events"/> until they run out or <paramref name="cancellationToken"/> fires, then waits
    /// (at most <see cref="DemoPlayerOptions.FlushTimeout"/>) for outstanding deliveries.
    /// </summary>
    /// <param name="events">The events, e.g. <see cref="DemoJourneys.Generate"/>.</param>
    /// <param name="progress">Told the counts every <see cref="DemoPlayerOptions.ProgressInterval"/>; may be null.</param>
    /// <param name="cancellationToken">Stops publishing; what was handed over is still flushed.</param>
    /// <returns>The final counts.</returns>
    public Task<DemoPlayReport> PlayAsync(
        IEnumerable<DomainEvent> events, IProgress<DemoPlayReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var records = DemoRecords.From(events, _options);

        // The producer blocks when its queue is full, so the loop runs off the caller's thread.
        return Task.Run(() => PlayCoreAsync(records, progress, cancellationToken), CancellationToken.None);
    }

    private async Task<DemoPlayReport> PlayCoreAsync(IEnumerable<DemoRecord> records, IProgress<DemoPlayReport>? progress, CancellationToken cancellationToken)
    {
        var counters = new Counters();
        var clock = Stopwatch.StartNew();
        var nextReport = _options.ProgressInterval;
        var cancelled = false;
        try
        {
            foreach (var record in records)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                await PaceAsync(counters.Records, clock, cancellationToken).ConfigureAwait(false);
                _producer.Produce(record.Topic, record.Key, record.Value, record.ContentType, counters.OnDelivered);
                counters.Count(record);
                if (progress is not null && clock.Elapsed >= nextReport)
                {
                    progress.Report(counters.Snapshot(clock.Elapsed));
                    nextReport = clock.Elapsed + _options.ProgressInterval;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        _producer.Flush(_options.FlushTimeout);
        var report = counters.Snapshot(clock.Elapsed) with { Cancelled = cancelled };
        progress?.Report(report);
        return report;
    }

    private async Task PaceAsync(long sent, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (_options.EventsPerSecond <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(sent / _options.EventsPerSecond);
        var ahead = due - clock.Elapsed;
        if (ahead > TimeSpan.FromMilliseconds(2))
        {
            await Task.Delay(ahead, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Counters
    {
        private long _records;
        private long _events;
        private long _json;
        private long _poison;
        private long _delivered;
        private long _failed;

        public long Records => Interlocked.Read(ref _records);

        public void Count(DemoRecord record)
        {
            Interlocked.Increment(ref _records);
            if (record.Poison is not null)
            {
                Interlocked.Increment(ref _poison);
            }
            else if (record.EventId is { } id && !id.StartsWith("ev-poison-", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _events);
            }

            if (record.ContentType == Contracts.Events.EventContentTypes.Json)
            {
                Interlocked.Increment(ref _json);
            }
        }

        public void OnDelivered(Confluent.Kafka.DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _failed);
            }
            else
            {
                Interlocked.Increment(ref _delivered);
            }
        }

        public DemoPlayReport Snapshot(TimeSpan elapsed) => new(
            Interlocked.Read(ref _records),
            Interlocked.Read(ref _events),
            Interlocked.Read(ref _json),
            Interlocked.Read(ref _poison),
            Interlocked.Read(ref _delivered),
            Interlocked.Read(ref _failed),
            elapsed);
    }
}
