using CustomerView.Contracts.V1;
using Task = System.Threading.Tasks.Task;
using TaskStatus = CustomerView.Contracts.V1.TaskStatus;

namespace CustomerView.Cli.Tests;

public sealed class CommandLineTests
{
    private static readonly Uri DefaultServer = new("http://127.0.0.1:50051");

    [Fact]
    public async Task Profile_ParsesViewJsonAndServer()
    {
        var (code, invocation, _) = await RunAsync<ProfileInvocation>("profile", "C-000042", "--view", "full", "--json", "--server", "http://node-1:6000");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(new ProfileInvocation(new Uri("http://node-1:6000"), "C-000042", ProfileView.Full, true), invocation);
    }

    [Fact]
    public async Task Profile_UsesStandardViewAndDefaultServer_WhenNothingIsGiven()
    {
        var (_, invocation, _) = await RunAsync<ProfileInvocation>("profile", "C-1");

        Assert.Equal(new ProfileInvocation(DefaultServer, "C-1", ProfileView.Standard, false), invocation);
    }

    [Fact]
    public async Task Server_ComesFromTheEnvironment_WhenTheOptionIsAbsent()
    {
        var (_, invocation, _) = await RunAsync<WatchInvocation>(
            name => name == CliCommands.ServerVariable ? "https://cv.example.test:443" : null, "watch", "C-7");

        Assert.Equal(new WatchInvocation(new Uri("https://cv.example.test:443"), "C-7", ProfileView.Card), invocation);
    }

    [Fact]
    public async Task Server_OptionWinsOverTheEnvironment()
    {
        var (_, invocation, _) = await RunAsync<WatchInvocation>(
            _ => "http://from-env:1", "watch", "C-7", "--view", "standard", "-s", "http://from-option:2");

        Assert.Equal(new Uri("http://from-option:2"), invocation!.Server);
        Assert.Equal(ProfileView.Standard, invocation.View);
    }

    [Theory]
    [InlineData("phone", IdentifierKind.Phone)]
    [InlineData("card", IdentifierKind.Card)]
    [InlineData("account", IdentifierKind.Account)]
    [InlineData("national-id", IdentifierKind.NationalId)]
    public async Task Lookup_ParsesKindValueAndCard(string kind, IdentifierKind expected)
    {
        var (_, invocation, _) = await RunAsync<LookupInvocation>("lookup", kind, "+44 20 7946 0018", "--card");

        Assert.Equal(new LookupInvocation(DefaultServer, expected, "+44 20 7946 0018", true), invocation);
    }

    [Fact]
    public async Task Tasks_ParsesAllAndRepeatedStatuses()
    {
        var (_, invocation, _) = await RunAsync<TasksInvocation>("tasks", "C-1", "--all", "--status", "waiting-on-customer", "--status", "in-progress");

        Assert.True(invocation!.All);
        Assert.Equal([TaskStatus.WaitingOnCustomer, TaskStatus.InProgress], invocation.Statuses);
    }

    [Fact]
    public async Task Tasks_HasNoStatusFilter_WhenNoneIsGiven()
    {
        var (_, invocation, _) = await RunAsync<TasksInvocation>("tasks", "C-1");

        Assert.False(invocation!.All);
        Assert.Empty(invocation.Statuses);
    }

    [Fact]
    public async Task Interactions_ParsesChannelsPageSizeAndToken()
    {
        var (_, invocation, _) = await RunAsync<InteractionsInvocation>(
            "interactions", "C-1", "--channel", "mobile-app", "-c", "call-center", "--page-size", "5", "--page-token", "abc");

        Assert.Equal([Channel.MobileApp, Channel.CallCenter], invocation!.Channels);
        Assert.Equal(5, invocation.PageSize);
        Assert.Equal("abc", invocation.PageToken);
    }

    [Fact]
    public async Task Interactions_DefaultsToTwentyPerPage()
    {
        var (_, invocation, _) = await RunAsync<InteractionsInvocation>("interactions", "C-1");

        Assert.Equal(20, invocation!.PageSize);
        Assert.Empty(invocation.Channels);
        Assert.Equal(string.Empty, invocation.PageToken);
    }

    [Fact]
    public async Task Produce_ParsesEveryOption()
    {
        var (_, invocation, _) = await RunAsync<ProduceInvocation>(
            "produce", "--bootstrap-servers", "localhost:9092", "--customers", "50", "--rate", "0", "--seed", "9", "--json-share", "0.5", "--poison-share", "0.02");

        Assert.Equal(new ProduceInvocation("localhost:9092", 50, 0, 9, 0.5, 0.02), invocation);
    }

    [Fact]
    public async Task Produce_HasDemoDefaults_WhenOnlyBrokersAreGiven()
    {
        var (_, invocation, _) = await RunAsync<ProduceInvocation>("produce", "-b", "k1:9092,k2:9092");

        Assert.Equal(new ProduceInvocation("k1:9092,k2:9092", 100, 200, 1, 0.1, 0), invocation);
    }

    [Theory]
    [InlineData("Required command")]
    [InlineData("Required argument missing", "profile")]
    [InlineData("card, standard or full", "profile", "C-1", "--view", "huge")]
    [InlineData("customer id may hold only", "profile", "C 1")]
    [InlineData("'fax' not recognized", "lookup", "fax", "123")]
    [InlineData("Required argument missing", "lookup", "phone")]
    [InlineData("'sleeping' not recognized", "tasks", "C-1", "--status", "sleeping")]
    [InlineData("'pigeon' not recognized", "interactions", "C-1", "--channel", "pigeon")]
    [InlineData("--page-size must be 1 to 200", "interactions", "C-1", "--page-size", "0")]
    [InlineData("--page-size must be a whole number, not 'many'", "interactions", "C-1", "--page-size", "many")]
    [InlineData("--rate must be a number, not 'fast'", "produce", "-b", "k:1", "--rate", "fast")]
    [InlineData("--bootstrap-servers", "produce")]
    [InlineData("--customers must be 1 to 99999999", "produce", "-b", "k:1", "--customers", "0")]
    [InlineData("--json-share must be 0 to 1", "produce", "-b", "k:1", "--json-share", "1.5")]
    [InlineData("--poison-share must be 0 to 1", "produce", "-b", "k:1", "--poison-share", "-0.1")]
    [InlineData("--rate must be 0", "produce", "-b", "k:1", "--rate", "-5")]
    [InlineData("--server must be an http:// or https:// address", "profile", "C-1", "--server", "tcp://x:1")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    public async Task BadInput_ExitsWithUsageCode_AndSaysWhy(string expected, params string[] args)
    {
        var actions = new RecordingActions();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(args, actions, output, error, _ => null, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error.ToString());
        Assert.Contains("--help' for usage.", error.ToString());
        Assert.Empty(actions.Invocations);
    }

    [Fact]
    public async Task BadEnvironmentServer_ExitsWithUsageCode()
    {
        var actions = new RecordingActions();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["tasks", "C-1"], actions, output, error, _ => "not a url", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("'not a url'", error.ToString());
    }

    [Fact]
    public async Task Help_ListsEveryCommand_AndExitsZero()
    {
        var actions = new RecordingActions();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["--help"], actions, output, error, _ => null, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "profile", "lookup", "tasks", "interactions", "watch", "produce", "--server" })
        {
            Assert.Contains(command, output.ToString());
        }
    }

    private static Task<(int Code, T? Invocation, string Error)> RunAsync<T>(params string[] args)
        where T : class => RunAsync<T>(_ => null, args);

    private static async Task<(int Code, T? Invocation, string Error)> RunAsync<T>(Func<string, string?> environment, params string[] args)
        where T : class
    {
        var actions = new RecordingActions();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, actions, output, error, environment, TestContext.Current.CancellationToken);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        return (code, Assert.IsType<T>(Assert.Single(actions.Invocations)), error.ToString());
    }
}
