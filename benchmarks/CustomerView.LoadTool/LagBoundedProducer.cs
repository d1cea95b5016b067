using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;
using CustomerView.Kafka;

namespace CustomerView.LoadTool;

/// <summary>
/// Produces events as fast as the consumer side keeps up, never more than <c>maxLag</c> records ahead of what it
/// consumed: the mock cluster keeps only ~5 MiB per partition, so running further ahead would lose records.
/// </summary>
internal sealed class LagBoundedProducer : IDisposable
{
    private readonly ChannelEventProducer _producer;
    private readonly long _maxLag;
    private readonly CancellationTokenSource _stop = new();
    private long _produced;
    private long _consumed;
    private Thread? _thread;

    public LagBoundedProducer(EmbeddedKafkaCluster cluster, long maxLag)
    {
        _producer = ChannelEventProducer.Create(new KafkaOptions { BootstrapServers = cluster.BootstrapServers });
        _maxLag = maxLag;
    }

    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Tells the producer how far the consumer side got.</summary>
    public void Consumed(long consumed) => Interlocked.Exchange(ref _consumed, consumed);

    /// <summary>Produces <paramref name="next"/>'s events on a thread of its own until it returns null or <see cref="Stop"/>.</summary>
    public void Start(Func<DomainEvent?> next)
    {
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Interlocked.Read(ref _produced) - Interlocked.Read(ref _consumed) >= _maxLag)
                {
                    Thread.Sleep(1);
                    continue;
                }

                if (next() is not { } e)
                {
                    break;
                }

                _producer.Produce(Workload.TopicFor(e.Channel), e.CustomerId.Value, ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf);
                Interlocked.Increment(ref _produced);
            }

            _producer.Flush(TimeSpan.FromSeconds(30));
        })
        { IsBackground = true, Name = "loadtool-producer" };
        _thread.Start();
    }

    /// <summary>Produces one event now (freshness probes).</summary>
    public void ProduceNow(DomainEvent e)
    {
        _producer.Produce(Workload.TopicFor(e.Channel), e.CustomerId.Value, ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf);
        Interlocked.Increment(ref _produced);
    }

    public void Stop()
    {
        _stop.Cancel();
        _thread?.Join();
    }

    /// <summary>Waits for the producer thread to run out of events.</summary>
    public void Join() => _thread?.Join();

    public void Dispose()
    {
        Stop();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _stop.Dispose();
    }
}
