using System.Globalization;
using System.Runtime.InteropServices;
using CustomerView.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Piped or captured output has no terminal width; keep tables readable rather than wrapped at 80 columns.
    console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 40
        ? columns
        : 160;
}

// Ctrl+C (and SIGTERM) cancel the command: a watch ends, a produce stops and flushes.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

var actions = new CliActions(console, Console.Error);
return await CliApplication.RunAsync(args, actions, Console.Out, Console.Error, cancellationToken: stop.Token).ConfigureAwait(false);
