using System.CommandLine;

namespace CustomerView.Cli;

/// <summary>Runs a <c>cv</c> command line: parse errors become a short message and <see cref="ExitCodes.Usage"/>.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(
        string[] args, ICliActions actions, TextWriter output, TextWriter error, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var root = CliCommands.Build(actions, environment);
        var result = root.Parse(args);
        // Ctrl+C and SIGTERM are the caller's (Program hooks them) so a watch can end cleanly with exit code 0.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var asksForHelp = args.Any(a => a is "-h" or "--help" or "-?" or "--version");
        if (result.Errors.Count > 0 && !asksForHelp)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync("cv: " + parseError.Message).ConfigureAwait(false);
            }

            var command = result.CommandResult.Command;
            var path = command is RootCommand ? "cv" : "cv " + command.Name;
            await error.WriteLineAsync($"Run '{path} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
