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
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

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
