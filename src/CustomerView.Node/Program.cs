using System.Runtime.InteropServices;
using CustomerView.Node;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
    .AddEnvironmentVariables("CUSTOMERVIEW_")
    .AddCommandLine(args)
    .Build();

var settings = NodeSettings.From(configuration);
using var loggers = LoggerFactory.Create(logging => logging
    .AddConfiguration(configuration.GetSection("Logging"))
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
    }));

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    // Keep the runtime from exiting at once: Main shuts the node down gracefully and returns.
    context.Cancel = true;
    stopping.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    await using var node = await CustomerViewNode.StartAsync(settings, loggers, stopping.Token);
    Banner.Print(node);
    await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
    Console.WriteLine("Stopping: finishing in-flight calls and committing applied events...");
}
catch (Exception ex) when (ex is InvalidOperationException or CustomerView.Kafka.TopicLayoutException)
{
    Console.Error.WriteLine($"customerview: {ex.Message}");
    return 2;
}

return 0;
