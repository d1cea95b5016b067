using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using V1 = CustomerView.Contracts.V1;

namespace CustomerView.Cli;

/// <summary>The <c>cv</c> command tree: options, arguments and validation; the work is delegated to <see cref="ICliActions"/>.</summary>
internal static class CliCommands
{
    public const string ServerVariable = "CUSTOMERVIEW_SERVER";
    public const string DefaultServer = "http://127.0.0.1:50051";

    public static RootCommand Build(ICliActions actions, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        environment ??= Environment.GetEnvironmentVariable;
        var server = new Option<Uri>("--server", "-s")
        {
            Description = $"The CustomerView node's gRPC address (default {DefaultServer}, or ${ServerVariable}).",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = result => ParseServer(result, environment(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer),
            CustomParser = result => ParseServer(result, result.Tokens.Count > 0 ? result.Tokens[^1].Value : DefaultServer),
        };

        var root = new RootCommand("CustomerView: the unified customer view, from the command line.");
        root.Options.Add(server);
        root.Subcommands.Add(Profile(actions, server));
        root.Subcommands.Add(Lookup(actions, server));
        root.Subcommands.Add(Tasks(actions, server));
        root.Subcommands.Add(Interactions(actions, server));
        root.Subcommands.Add(Watch(actions, server));
        root.Subcommands.Add(Produce(actions));
        return root;
    }

    private static Command Profile(ICliActions actions, Option<Uri> server)
    {
        var customer = CustomerArgument();
        var view = ViewOption(V1.ProfileView.Standard);
        var json = new Option<bool>("--json") { Description = "Print the profile as canonical proto3 JSON instead of tables." };
        var command = new Command("profile", "Show a customer's profile: attributes, alerts, identifiers, figures, tasks, complaints, appointments, interactions.")
        {
            customer, view, json,
        };
        command.SetAction((result, cancellationToken) => actions.ProfileAsync(
            new(result.GetValue(server)!, result.GetValue(customer)!, result.GetValue(view), result.GetValue(json)), cancellationToken));
        return command;
    }

    private static Command Lookup(ICliActions actions, Option<Uri> server)
    {
        var kind = new Argument<string>("kind") { Description = "What the value is: phone, card, account or national-id." };
        kind.AcceptOnlyFromAmong([.. Names.IdentifierKinds.Keys]);
        var value = new Argument<string>("value") { Description = "The identifier, in any common format (e.g. \"+44 20 7946 0018\")." };
        var card = new Option<bool>("--card") { Description = "Include each candidate's profile card." };
        var command = new Command("lookup", "Find the customers holding an identifier (a shared household phone finds several).") { kind, value, card };
        command.SetAction((result, cancellationToken) => actions.LookupAsync(
            new(result.GetValue(server)!, Names.IdentifierKinds[result.GetValue(kind)!], result.GetValue(value)!, result.GetValue(card)), cancellationToken));
        return command;
    }

    private static Command Tasks(ICliActions actions, Option<Uri> server)
    {
        var customer = CustomerArgument();
        var all = new Option<bool>("--all", "-a") { Description = "Include completed, cancelled and expired tasks." };
        var status = new Option<string[]>("--status")
        {
            Description = "Only tasks in these statuses (repeatable).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "status",
        };
        status.AcceptOnlyFromAmong([.. Names.TaskStatuses.Keys]);
        var command = new Command("tasks", "List a customer's cross-channel tasks.") { customer, all, status };
        command.SetAction((result, cancellationToken) => actions.TasksAsync(
            new(result.GetValue(server)!, result.GetValue(customer)!, result.GetValue(all), [.. (result.GetValue(status) ?? []).Select(s => Names.TaskStatuses[s])]),
            cancellationToken));
        return command;
    }

    private static Command Interactions(ICliActions actions, Option<Uri> server)
    {
        var customer = CustomerArgument();
        var channel = new Option<string[]>("--channel", "-c")
        {
            Description = "Only these channels (repeatable).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "channel",
        };
        channel.AcceptOnlyFromAmong([.. Names.Channels.Keys]);
        var pageSize = IntOption("--page-size", "Interactions per page, 1 to 200.", 20, 1, 200, "-n");
        var pageToken = new Option<string>("--page-token", "-t") { Description = "The next-page token a previous page printed." };
        var command = new Command("interactions", "List a customer's interactions, newest first, a page at a time.") { customer, channel, pageSize, pageToken };
        command.SetAction((result, cancellationToken) => actions.InteractionsAsync(
            new(
                result.GetValue(server)!,
                result.GetValue(customer)!,
                [.. (result.GetValue(channel) ?? []).Select(c => Names.Channels[c])],
                result.GetValue(pageSize),
                result.GetValue(pageToken) ?? string.Empty),
            cancellationToken));
        return command;
    }

    private static Command Watch(ICliActions actions, Option<Uri> server)
    {
        var customer = CustomerArgument();
        var view = ViewOption(V1.ProfileView.Card);
        var command = new Command("watch", "Follow a customer's profile live until Ctrl+C.") { customer, view };
        command.SetAction((result, cancellationToken) => actions.WatchAsync(
            new(result.GetValue(server)!, result.GetValue(customer)!, result.GetValue(view)), cancellationToken));
        return command;
    }

    private static Command Produce(ICliActions actions)
    {
        var bootstrap = new Option<string>("--bootstrap-servers", "-b") { Description = "Kafka brokers, host:port[,host:port…].", Required = true, HelpName = "hosts" };
        var customers = IntOption("--customers", "How many demo customers.", 100, 1, 99_999_999);
        var rate = DoubleOption("--rate", "Records per second; 0 for as fast as possible.", 200, 0, 1_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the journeys; the same seed replays the same events.", DefaultValueFactory = _ => 1 };
        var jsonShare = DoubleOption("--json-share", "Share of events sent as JSON, 0 to 1.", 0.1, 0, 1);
        var poisonShare = DoubleOption("--poison-share", "Share of events preceded by a poison record, 0 to 1.", 0, 0, 1);
        var command = new Command("produce", "Play demo customer journeys into Kafka's channel topics.") { bootstrap, customers, rate, seed, jsonShare, poisonShare };
        command.SetAction((result, cancellationToken) => actions.ProduceAsync(
            new(
                result.GetValue(bootstrap)!,
                result.GetValue(customers),
                result.GetValue(rate),
                result.GetValue(seed),
                result.GetValue(jsonShare),
                result.GetValue(poisonShare)),
            cancellationToken));
        return command;
    }

    private static Argument<string> CustomerArgument()
    {
        var argument = new Argument<string>("customer-id") { Description = "The bank's customer id, e.g. C-000042." };
        argument.Validators.Add(result =>
        {
            if (Domain.Identity.CustomerId.Validate(result.GetValueOrDefault<string>()) is { } error)
            {
                result.AddError(error + ".");
            }
        });
        return argument;
    }

    private static Option<V1.ProfileView> ViewOption(V1.ProfileView defaultView)
    {
        var option = new Option<V1.ProfileView>("--view")
        {
            Description = "How much to show: card, standard or full.",
            HelpName = "card|standard|full",
            DefaultValueFactory = _ => defaultView,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (Names.Views.TryGetValue(text, out var view))
                {
                    return view;
                }

                result.AddError($"--view must be card, standard or full, not '{text}'.");
                return defaultView;
            },
        };
        return option;
    }

    private static Uri ParseServer(ArgumentResult result, string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--server must be an http:// or https:// address, not '{text}'.");
        return new Uri(DefaultServer);
    }

    private static Option<int> IntOption(string name, string description, int defaultValue, int min, int max, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} must be a whole number, not '{text}'.");
            }
            else if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {min} to {max}."));
            }

            return value;
        },
    };

    private static Option<double> DoubleOption(string name, string description, double defaultValue, double min, double max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
            {
                result.AddError($"{name} must be a number, not '{text}'.");
            }
            else if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {min} to {max}."));
            }

            return value;
        },
    };
}
