using CustomerView.Demo;
using CustomerView.Kafka;

namespace CustomerView.Node;

public sealed partial class CustomerViewNode
{
    /// <summary>The prefix of demo customers' ids: DEMO-000001, DEMO-000002, ...</summary>
    public const string DemoCustomerPrefix = "DEMO-";

    /// <summary>Whether demo traffic plays (by default only into the embedded Kafka, never into real brokers).</summary>
    public bool PlaysDemo => Settings.Demo.Enabled ?? EmbeddedKafka is not null;

    private void StartDemo()
    {
        if (!PlaysDemo)
        {
            return;
        }

        var demo = Settings.Demo;
        var producer = ChannelEventProducer.Create(Settings.Kafka, Loggers.CreateLogger("CustomerView.Demo"));
        var player = new DemoTrafficPlayer(producer, new DemoPlayerOptions
        {
            EventsPerSecond = demo.EventsPerSecond,
            Seed = demo.Seed,
            ProgressInterval = TimeSpan.FromSeconds(10),
        });
        var options = new DemoOptions { Customers = demo.Customers, Seed = demo.Seed, CustomerIdPrefix = DemoCustomerPrefix };
        var stopping = new CancellationTokenSource();
        var progress = new Progress<DemoPlayReport>(report => DemoLog.Progress(_logger, report.Events, report.Delivered, report.Poison));
        DemoLog.Starting(_logger, demo.Customers, demo.EventsPerSecond);
        var playing = player.PlayAsync(DemoJourneys.Generate(options), progress, stopping.Token);
        _ = playing.ContinueWith(
            t => DemoLog.Finished(_logger, t.IsCompletedSuccessfully ? t.Result.Events : 0),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _shutdown.Add(async () =>
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await playing.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            producer.Dispose();
            stopping.Dispose();
        });
    }

    private static partial class DemoLog
    {
        [LoggerMessage(20, LogLevel.Information, "Demo traffic: playing cross-channel journeys for {Customers} customers at {Rate} events/s")]
        public static partial void Starting(ILogger logger, int customers, double rate);

        [LoggerMessage(21, LogLevel.Information, "Demo traffic: {Events} events sent, {Delivered} delivered, {Poison} poison records")]
        public static partial void Progress(ILogger logger, long events, long delivered, long poison);

        [LoggerMessage(22, LogLevel.Information, "Demo traffic: done, {Events} events played")]
        public static partial void Finished(ILogger logger, long events);
    }
}
