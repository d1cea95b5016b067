using System.Globalization;
using Confluent.Kafka;
using CustomerView.Demo;
using CustomerView.Kafka;
using Spectre.Console;

namespace CustomerView.Cli;

internal sealed partial class CliActions
{
    public async Task<int> ProduceAsync(ProduceInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var kafka = new KafkaOptions
        {
            BootstrapServers = invocation.BootstrapServers,
            ClientId = "customerview-cli",
            DeliveryTimeout = TimeSpan.FromSeconds(30),
        };
        var demo = new DemoOptions { Customers = invocation.Customers, Seed = invocation.Seed };
        var play = new DemoPlayerOptions
        {
            EventsPerSecond = invocation.Rate,
            JsonShare = invocation.JsonShare,
            PoisonShare = invocation.PoisonShare,
            Seed = invocation.Seed,
        };
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Playing journeys of [bold]{invocation.Customers}[/] customers (seed {invocation.Seed}) into [bold]{Markup.Escape(invocation.BootstrapServers)}[/] at {(invocation.Rate > 0 ? $"{invocation.Rate:0.#}/s" : "full speed")}; Ctrl+C stops."));
        try
        {
            using var producer = ChannelEventProducer.Create(kafka);
            var player = new DemoTrafficPlayer(producer, play);
            var report = await player.PlayAsync(DemoJourneys.Generate(demo), new LineProgress(console), cancellationToken).ConfigureAwait(false);
            var verdict = report.Failed > 0 || report.Pending > 0
                ? $"[red]{report.Failed + report.Pending} record(s) not delivered[/]: is Kafka reachable at {Markup.Escape(invocation.BootstrapServers)}?"
                : "[green]all delivered[/]";
            console.MarkupLine($"{(report.Cancelled ? "Stopped" : "Done")}: {Describe(report)}; {verdict}");
            return report.Failed > 0 || report.Pending > 0 ? ExitCodes.Unavailable : ExitCodes.Ok;
        }
        catch (KafkaException ex)
        {
            await error.WriteLineAsync($"KAFKA: {ex.Error.Reason} (brokers {invocation.BootstrapServers})").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("cv: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    internal static string Describe(DemoPlayReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{report.Records:N0} records ({report.Events:N0} events, {report.Json:N0} JSON, {report.Poison:N0} poison), {report.Delivered:N0} delivered, {report.Failed:N0} failed, {report.RecordsPerSecond:N0}/s over {report.Elapsed.TotalSeconds:0.0}s");

    private sealed class LineProgress(IAnsiConsole console) : IProgress<DemoPlayReport>
    {
        public void Report(DemoPlayReport value) => console.MarkupLine("[grey]" + Markup.Escape(Describe(value)) + "[/]");
    }
}
