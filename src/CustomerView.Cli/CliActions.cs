using CustomerView.Cli.Rendering;
using CustomerView.Client;
using CustomerView.Grpc;
using CustomerView.Grpc.Client;
using Google.Protobuf;
using Spectre.Console;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli;

/// <summary>
/// The real commands: a thin call to the CustomerProfiles service, then rendering. Expected failures (an error status,
/// an unreachable server) print one line to standard error and return a non-zero exit code.
/// </summary>
internal sealed partial class CliActions(IAnsiConsole console, TextWriter error) : ICliActions
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    public Task<int> ProfileAsync(ProfileInvocation invocation, CancellationToken cancellationToken) =>
        CallAsync(invocation.Server, async (client, options) =>
        {
            var response = await client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = invocation.CustomerId, View = invocation.View }, options).ConfigureAwait(false);
            if (invocation.Json)
            {
                console.Profile.Out.Writer.WriteLine(Json.Format(response.Profile ?? new V1.CustomerProfile()));
                return;
            }

            console.Write(ProfileRenderer.Render(response.Profile ?? new V1.CustomerProfile(), response.PossiblyStale));
        }, cancellationToken);

    public Task<int> LookupAsync(LookupInvocation invocation, CancellationToken cancellationToken) =>
        CallAsync(invocation.Server, async (client, options) =>
        {
            var response = await client.LookupCustomersAsync(
                new V1.LookupCustomersRequest { Kind = invocation.Kind, Value = invocation.Value, IncludeCard = invocation.IncludeCard }, options).ConfigureAwait(false);
            console.Write(ListRenderer.Candidates(response, invocation.Kind));
        }, cancellationToken);

    public Task<int> TasksAsync(TasksInvocation invocation, CancellationToken cancellationToken) =>
        CallAsync(invocation.Server, async (client, options) =>
        {
            var request = new V1.ListTasksRequest { CustomerId = invocation.CustomerId, IncludeClosed = invocation.All };
            request.Statuses.Add(invocation.Statuses);
            var response = await client.ListTasksAsync(request, options).ConfigureAwait(false);
            console.Write(ListRenderer.Tasks(response, invocation.CustomerId));
        }, cancellationToken);

    public Task<int> InteractionsAsync(InteractionsInvocation invocation, CancellationToken cancellationToken) =>
        CallAsync(invocation.Server, async (client, options) =>
        {
            var request = new V1.ListInteractionsRequest { CustomerId = invocation.CustomerId, PageSize = invocation.PageSize, PageToken = invocation.PageToken };
            request.Channels.Add(invocation.Channels);
            var response = await client.ListInteractionsAsync(request, options).ConfigureAwait(false);
            console.Write(ListRenderer.Interactions(response, invocation.CustomerId));
        }, cancellationToken);

    public Task<int> WatchAsync(WatchInvocation invocation, CancellationToken cancellationToken) =>
        CallAsync(invocation.Server, async (client, options) =>
        {
            using var call = client.WatchProfile(
                new V1.WatchProfileRequest { CustomerId = invocation.CustomerId, View = invocation.View },
                options with { Timeout = null });
            var updates = call.ReadAllAsync(cancellationToken);
            if (console.Profile.Out.IsTerminal)
            {
                await console.Live(new Markup($"[grey]Waiting for {Markup.Escape(invocation.CustomerId)}…[/]"))
                    .AutoClear(false)
                    .StartAsync(async context =>
                    {
                        await foreach (var update in updates.ConfigureAwait(false))
                        {
                            context.UpdateTarget(ProfileRenderer.Card(update.Profile ?? new V1.CustomerProfile(), update.Changed));
                            context.Refresh();
                        }
                    }).ConfigureAwait(false);
                return;
            }

            await foreach (var update in updates.ConfigureAwait(false))
            {
                console.Profile.Out.Writer.WriteLine(ProfileRenderer.Line(update));
                console.Profile.Out.Writer.Flush();
            }
        }, cancellationToken);

    private async Task<int> CallAsync(Uri server, Func<CustomerProfilesClient, CallOptions, Task> call, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions { ConnectTimeout = TimeSpan.FromSeconds(5) });
        var client = new CustomerProfilesClient(channel);
        try
        {
            await call(client, new CallOptions { Timeout = CallTimeout, CancellationToken = cancellationToken }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the natural end of a watch.
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (RpcException ex)
        {
            await error.WriteLineAsync(CliErrors.Describe(ex, server)).ConfigureAwait(false);
            return CliErrors.ExitCodeOf(ex);
        }
    }
}
