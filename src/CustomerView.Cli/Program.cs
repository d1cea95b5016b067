using CustomerView.Cli;
using Spectre.Console;

var actions = new CliActions(AnsiConsole.Console, Console.Error);
return await CliApplication.RunAsync(args, actions, Console.Out, Console.Error).ConfigureAwait(false);
