using V1 = CustomerView.Contracts.V1;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Kafka;
using CustomerView.Testing;
using Confluent.Kafka;
using Task = System.Threading.Tasks.Task;
using DomainChannel = CustomerView.Domain.Channel;
using DomainKind = CustomerView.Domain.IdentifierKind;
using TaskKind = CustomerView.Domain.TaskKind;

namespace CustomerView.Integration.Tests;

/// <summary>
/// Events in through the real Kafka protocol (librdkafka's mock cluster), profiles out through real gRPC on loopback,
/// over a real store. Run once per storage implementation.
/// </summary>
public abstract class EndToEndTests : IAsyncLifetime
{
    private readonly EmbeddedKafkaCluster _cluster;
    private readonly EventWriter _writer;
    private readonly string _group = "it-" + Guid.NewGuid().ToString("N")[..8];
    private StorageSetup? _storage;

    protected EndToEndTests()
    {
        KafkaNative.EnsureInitialized();
        _cluster = EmbeddedKafkaCluster.Start(new KafkaOptions { EmbeddedBrokers = 1, EmbeddedPartitions = 3 });
        _writer = new EventWriter(_cluster);
    }

    protected static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async ValueTask InitializeAsync() => _storage = await CreateStorageAsync();

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _cluster.Dispose();
        await DisposeStorageAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<StorageSetup> CreateStorageAsync();

    protected virtual Task DisposeStorageAsync() => Task.CompletedTask;

    private Task<TestNode> StartNodeAsync(Microsoft.Extensions.Logging.ILoggerFactory? loggers = null) => TestNode.StartAsync(_cluster, _storage!, _group, loggerFactory: loggers);

    private static DomainEvent E(string id, string customer, EventPayload payload, DomainChannel channel, int minutesAgo = 10) =>
        new(EventId.Parse(id), CustomerId.Parse(customer), channel, Now.AddMinutes(-minutesAgo), "it", payload);

    private static InteractionRecorded Contact(string topic) => new() { Type = Domain.InteractionType.Inquiry, Topic = topic, ResolvedFirstContact = true };

    [Fact]
    public async Task GetProfile_MergesEveryChannel_WhenEventsArriveOnSeveralTopics()
    {
        await using var node = await StartNodeAsync();

        await _writer.WriteAsync(
            E("a1", "C-1", new AttributesChanged { FullName = "Ada Lovelace", PreferredLanguage = "en-GB" }, DomainChannel.OnlineBanking, 30),
            E("t1", "C-1", new TaskStarted("LOAN-1", TaskKind.LoanApplication, "Home loan") { NextAction = "upload payslips" }, DomainChannel.MobileApp, 20),
            E("t2", "C-1", new TaskHandedOff("LOAN-1", DomainChannel.BranchCounter, "sign loan agreement at branch"), DomainChannel.MobileApp, 15),
            E("i1", "C-1", Contact("loan-status"), DomainChannel.CallCenter, 5));

        var profile = await node.WaitForProfileAsync("C-1", p => p.Revision >= 4);
        Assert.Equal("Ada Lovelace", profile.Attributes.FullName);
        var task = Assert.Single(profile.Tasks);
        Assert.Equal(V1.Channel.MobileApp, task.StartedIn);
        Assert.Equal(V1.Channel.BranchCounter, task.CurrentChannel);
        Assert.Equal("sign loan agreement at branch", task.NextAction);
        Assert.Equal(V1.Channel.CallCenter, Assert.Single(profile.RecentInteractions).Channel);

        var card = await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-1", View = V1.ProfileView.Card });
        Assert.Equal(V1.ProfileView.Card, card.View);
        Assert.False(card.PossiblyStale);
    }

    [Fact]
    public async Task Node_ResumesWithSameProfilesAndOffsets_WhenRestarted()
    {
        string before;
        await using (var node = await StartNodeAsync())
        {
            await _writer.WriteAsync(
                E("a1", "C-2", new AttributesChanged { FullName = "Grace Hopper" }, DomainChannel.BranchCounter),
                E("i1", "C-2", Contact("fees"), DomainChannel.CallCenter),
                E("f1", "C-2", new FeedbackGiven { Satisfaction = 5 }, DomainChannel.MobileApp));
            before = (await node.WaitForProfileAsync("C-2", p => p.Revision >= 3)).ToString();
        }

        await using var restarted = await StartNodeAsync();
        var after = await restarted.WaitForProfileAsync("C-2", p => p.Revision >= 3);
        Assert.Equal(Strip(before), Strip(after.ToString()));

        await _writer.WriteAsync(E("i2", "C-2", Contact("fees"), DomainChannel.Chatbot, 1));
        var updated = await restarted.WaitForProfileAsync("C-2", p => p.Revision >= 4);
        Assert.Equal(4, updated.Revision);
        Assert.Equal(1, restarted.Engine.Statistics.Snapshot().Consumed);
    }

    [Fact]
    public async Task Node_CommitsWhatItApplied_WhenStoppedBeforeTheBatchIsDue()
    {
        var lazyBatches = TestNode.FastEngine with { MaxBatchDelay = TimeSpan.FromMinutes(10), MaxBatchSize = 1_000_000 };
        var first = await TestNode.StartAsync(_cluster, _storage!, _group, lazyBatches);
        await _writer.WriteAsync(
            E("a1", "C-11", new AttributesChanged { FullName = "Katherine Johnson" }, DomainChannel.BranchCounter),
            E("i1", "C-11", Contact("fees"), DomainChannel.CallCenter));
        await first.WaitForProfileAsync("C-11", p => p.Revision >= 2);
        Assert.Equal(0, first.Engine.Statistics.Snapshot().Commits);
        await first.DisposeAsync();
        Assert.Null(first.Engine.Failure);
        Assert.Equal((2L, 1L), (first.Engine.Statistics.Snapshot().Consumed, Math.Min(1L, first.Engine.Statistics.Snapshot().Commits)));

        await using var restarted = await StartNodeAsync();
        await _writer.WriteAsync(E("i2", "C-11", Contact("fees"), DomainChannel.Chatbot, 1));
        var profile = await restarted.WaitForProfileAsync("C-11", p => p.Revision >= 3);

        Assert.Equal("Katherine Johnson", profile.Attributes.FullName);
        Assert.Equal(3, profile.Revision);
        Assert.Equal(1, restarted.Engine.Statistics.Snapshot().Consumed);
    }

    [Fact]
    public async Task Node_LosesNothingAndAppliesNothingTwice_WhenItCrashesBetweenApplyAndCommit()
    {
        var events = Enumerable.Range(0, 30)
            .Select(i => E($"e{i}", $"C-{i % 5}", i % 3 == 0 ? new FeedbackGiven { Satisfaction = 1 + (i % 5) } : Contact($"topic-{i % 4}"), (DomainChannel)(1 + (i % 8)), 60 - i))
            .ToArray();
        var control = new Dictionary<string, Domain.Profiles.CustomerProfile>();
        foreach (var e in events)
        {
            if (!control.TryGetValue(e.CustomerId.Value, out var profile))
            {
                control[e.CustomerId.Value] = profile = new Domain.Profiles.CustomerProfile(e.CustomerId);
            }

            profile.Apply(e);
        }

        await using (var crashing = await StartNodeAsync())
        {
            var commits = 0;
            crashing.Engine.BeforeCommit = _ =>
            {
                if (Interlocked.Increment(ref commits) >= 2)
                {
                    throw new InvalidOperationException("injected crash between apply and commit");
                }
            };
            await _writer.WriteAsync(events);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (crashing.Engine.Failure is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.IsType<InvalidOperationException>(crashing.Engine.Failure);
        }

        await using var recovered = await StartNodeAsync();
        foreach (var (customer, expected) in control)
        {
            var profile = await recovered.WaitForProfileAsync(customer, p => p.Revision >= expected.Revision);
            Assert.Equal(expected.Revision, profile.Revision);
            Assert.Equal(expected.TotalInteractions, profile.Figures.TotalInteractions);
            Assert.Equal(expected.FeedbackCount, profile.Figures.FeedbackCount);
        }
    }

    [Fact]
    public async Task Node_RebuildsProfilesFromSnapshotAndJournal_WhenLaterChangesWereOnlyJournaled()
    {
        var journalOnly = TestNode.FastEngine with { SnapshotAfter = TimeSpan.FromHours(1), SnapshotEveryEvents = 1_000 };
        await using (var first = await TestNode.StartAsync(_cluster, _storage!, _group, journalOnly))
        {
            // A linked identifier makes the first commit write the snapshot (the lookup index must see it at once).
            await _writer.WriteAsync(
                E("a1", "C-30", new AttributesChanged { FullName = "Hedy Lamarr" }, DomainChannel.BranchCounter, 31),
                E("p1", "C-30", new IdentifierLinked(DomainKind.Phone, "+44 20 7946 0100", Shared: false), DomainChannel.BranchCounter, 30));
            await first.WaitForProfileAsync("C-30", p => p.Revision >= 2);
            await WaitForCommitsAsync(first, 1);
            var committed = first.Engine.Statistics.Snapshot().Commits;
            await _writer.WriteAsync(
                E("i1", "C-30", Contact("fees"), DomainChannel.CallCenter, 20),
                E("f1", "C-30", new FeedbackGiven { Satisfaction = 4 }, DomainChannel.MobileApp, 10));
            await first.WaitForProfileAsync("C-30", p => p.Revision >= 4);
            await WaitForCommitsAsync(first, committed + 1);

            var stored = await first.Node.Store.LoadAsync("C-30", TestContext.Current.CancellationToken);
            Assert.Equal(2, stored?.Revision);
            var partition = stored!.Partition;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await first.Node.Store.LoadJournalAsync(_group, partition, TestContext.Current.CancellationToken)).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.NotEmpty(await first.Node.Store.LoadJournalAsync(_group, partition, TestContext.Current.CancellationToken));
            Assert.Equal(2, (await first.Node.Store.LoadAsync("C-30", TestContext.Current.CancellationToken))?.Revision);
        }

        await using var restarted = await StartNodeAsync();
        var profile = await restarted.WaitForProfileAsync("C-30", p => p.Revision >= 4);

        Assert.Equal(4, profile.Revision);
        Assert.Equal("Hedy Lamarr", profile.Attributes.FullName);
        Assert.Equal(1, profile.Figures.TotalInteractions);
        Assert.Equal(1, profile.Figures.FeedbackCount);
        Assert.Equal(0, restarted.Engine.Statistics.Snapshot().Consumed);
    }

    [Fact]
    public async Task Node_LosesNothingAndAppliesNothingTwice_WhenItCrashesAfterJournalOnlyCommits()
    {
        var journalOnly = TestNode.FastEngine with { SnapshotAfter = TimeSpan.FromHours(1), SnapshotEveryEvents = 1_000 };
        var control = new Dictionary<string, Domain.Profiles.CustomerProfile>();
        await using (var crashing = await TestNode.StartAsync(_cluster, _storage!, _group, journalOnly))
        {
            for (var round = 0; round < 4; round++)
            {
                if (round == 3)
                {
                    crashing.Engine.BeforeCommit = _ => throw new InvalidOperationException("injected crash between apply and commit");
                }

                var events = Enumerable.Range(0, 10)
                    .Select(i => E($"r{round}e{i}", $"C-4{i % 4}", i % 3 == 0 ? new FeedbackGiven { Satisfaction = 1 + (i % 5) } : Contact($"topic-{i % 4}"), (DomainChannel)(1 + (i % 8)), 60 - (round * 10) - i))
                    .ToArray();
                foreach (var e in events)
                {
                    if (!control.TryGetValue(e.CustomerId.Value, out var profile))
                    {
                        control[e.CustomerId.Value] = profile = new Domain.Profiles.CustomerProfile(e.CustomerId);
                    }

                    profile.Apply(e);
                }

                var commits = crashing.Engine.Statistics.Snapshot().Commits;
                await _writer.WriteAsync(events);
                if (round == 3)
                {
                    break; // the node crashes at its next commit, with whatever of this round it applied
                }

                foreach (var (customer, expected) in control)
                {
                    await crashing.WaitForProfileAsync(customer, p => p.Revision >= expected.Revision);
                }

                await WaitForCommitsAsync(crashing, commits + 1);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (crashing.Engine.Failure is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.IsType<InvalidOperationException>(crashing.Engine.Failure);
        }

        await using var recovered = await StartNodeAsync();
        foreach (var (customer, expected) in control)
        {
            var profile = await recovered.WaitForProfileAsync(customer, p => p.Revision >= expected.Revision);
            Assert.Equal(expected.Revision, profile.Revision);
            Assert.Equal(expected.TotalInteractions, profile.Figures.TotalInteractions);
            Assert.Equal(expected.FeedbackCount, profile.Figures.FeedbackCount);
        }
    }

    private static async Task WaitForCommitsAsync(TestNode node, long commits)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (node.Engine.Statistics.Snapshot().Commits < commits && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(node.Engine.Statistics.Snapshot().Commits >= commits, $"no commit #{commits} within 30 s");
    }

    [Fact]
    public async Task PoisonRecords_GoToDeadLetterTopicWithReason_AndPartitionKeepsMoving()
    {
        await using var node = await StartNodeAsync();
        var topic = EventWriter.TopicFor(DomainChannel.MobileApp);
        var good = Contracts.Events.ChannelEventEncoder.ToBytes(E("ok-1", "C-3", Contact("card"), DomainChannel.MobileApp));
        var missingCustomer = Contracts.Events.ChannelEventEncoder.Encode(E("bad-4", "C-3", Contact("card"), DomainChannel.MobileApp));
        missingCustomer.CustomerId = string.Empty;

        await _writer.WriteRawAsync(topic, "C-3", [0xFF, 0x00, 0x13, 0x37], "application/x-protobuf");
        await _writer.WriteRawAsync(topic, "C-3", good, "text/csv");
        await _writer.WriteRawAsync(topic, "C-3", Google.Protobuf.MessageExtensions.ToByteArray(missingCustomer), "application/x-protobuf");
        await _writer.WriteAsync(
            E("t1", "C-3", new TaskStarted("CARD-1", TaskKind.CardReplacement, "New card"), DomainChannel.MobileApp, 9),
            E("t2", "C-3", new TaskCancelled("CARD-1", "found the old one"), DomainChannel.MobileApp, 8),
            E("t3", "C-3", new TaskCompleted("CARD-1", "shipped"), DomainChannel.MobileApp, 7));
        await _writer.WriteRawAsync(topic, "C-3", good, "application/x-protobuf");

        var profile = await node.WaitForProfileAsync("C-3", p => p.RecentInteractions.Count == 1);
        Assert.Equal(V1.TaskStatus.Cancelled, Assert.Single(profile.Tasks).Status);
        Assert.Contains(profile.RejectedEvents, r => r.EventId == "t3");

        var dead = ReadDeadLetters(4);
        Assert.Equal([0xFF, 0x00, 0x13, 0x37], dead[0].Message.Value);
        Assert.Equal("undecodable", Header(dead[0], KafkaHeaders.DeadLetterCategory));
        Assert.Equal("unsupported-content-type", Header(dead[1], KafkaHeaders.DeadLetterCategory));
        Assert.Equal("missing-customer-id", Header(dead[2], KafkaHeaders.DeadLetterCategory));
        Assert.Equal("rejected-transition", Header(dead[3], KafkaHeaders.DeadLetterCategory));
        Assert.Contains("cancelled", Header(dead[3], KafkaHeaders.DeadLetterReason), StringComparison.OrdinalIgnoreCase);
        Assert.All(dead, d => Assert.Equal(topic, Header(d, KafkaHeaders.DeadLetterSourceTopic)));
        Assert.Equal(good, dead[1].Message.Value);
        Assert.Equal(4, node.Engine.Statistics.Snapshot().DeadLettered);
    }

    [Fact]
    public async Task WatchProfile_DeliversTheChange_WhenTheActorAppliesIt()
    {
        await using var node = await StartNodeAsync();
        await _writer.WriteAsync(E("a1", "C-4", new AttributesChanged { FullName = "Alan Turing" }, DomainChannel.BranchCounter));
        await node.WaitForProfileAsync("C-4", p => p.Revision >= 1);

        using var watch = node.Client.WatchProfile(new V1.WatchProfileRequest { CustomerId = "C-4", View = V1.ProfileView.Card });
        await using var updates = watch.ReadAllAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal("Alan Turing", updates.Current.Profile.Attributes.FullName);
        Assert.Empty(updates.Current.Changed);

        await _writer.WriteAsync(E("i1", "C-4", Contact("mortgage"), DomainChannel.CallCenter, 1));

        var next = updates.MoveNextAsync().AsTask();
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)));
        Assert.True(await next);
        Assert.Equal("i1", updates.Current.EventId);
        Assert.Contains(V1.ProfileSection.Interactions, updates.Current.Changed);
        Assert.Equal(2, updates.Current.Profile.Revision);
    }

    [Fact]
    public async Task LookupCustomers_ReturnsEveryCandidate_WhenAHouseholdSharesAPhone()
    {
        await using var node = await StartNodeAsync();
        await _writer.WriteAsync(
            E("p1", "C-5", new IdentifierLinked(DomainKind.Phone, "+44 20 7946 0958", Shared: true), DomainChannel.BranchCounter),
            E("p2", "C-6", new IdentifierLinked(DomainKind.Phone, "0044 20 7946 0958", Shared: true), DomainChannel.MobileApp),
            E("p3", "C-7", new IdentifierLinked(DomainKind.Phone, "+442079460958", Shared: true), DomainChannel.CallCenter),
            E("n5", "C-5", new AttributesChanged { FullName = "Parent One" }, DomainChannel.BranchCounter),
            E("x8", "C-8", new IdentifierLinked(DomainKind.Phone, "+442079460959", Shared: false), DomainChannel.CallCenter));

        V1.LookupCustomersResponse? response = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && response?.Candidates.Count != 3)
        {
            response = await node.Client.LookupCustomersAsync(new V1.LookupCustomersRequest { Kind = V1.IdentifierKind.Phone, Value = "+44 (20) 7946-0958", IncludeCard = true });
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["C-5", "C-6", "C-7"], response!.Candidates.Select(c => c.CustomerId));
        Assert.Equal("+442079460958", response.NormalizedValue);
        Assert.All(response.Candidates, c => Assert.True(c.SharedIdentifier));
        Assert.Equal("Parent One", response.Candidates[0].Card.Attributes.FullName);
    }

    [Fact]
    public async Task GetProfile_ServesTheChange_WhenTheViewWasServedFromItsCacheBefore()
    {
        await using var node = await StartNodeAsync();
        await _writer.WriteAsync(E("a1", "C-7", new AttributesChanged { FullName = "Ada" }, DomainChannel.OnlineBanking, 30));
        await node.WaitForProfileAsync("C-7", p => p.Attributes.FullName == "Ada");
        var standard = new V1.GetProfileRequest { CustomerId = "C-7", View = V1.ProfileView.Standard };
        var first = await node.Client.GetProfileAsync(standard);
        var cached = await node.Client.GetProfileAsync(standard);

        await _writer.WriteAsync(E("a2", "C-7", new AttributesChanged { FullName = "Ada Lovelace" }, DomainChannel.BranchCounter, 20));
        var changed = await node.WaitForProfileAsync("C-7", p => p.Revision > first.Profile.Revision, TimeSpan.FromSeconds(10));
        var standardAfter = await node.Client.GetProfileAsync(standard);

        Assert.Equal(first, cached);
        Assert.Equal("Ada Lovelace", changed.Attributes.FullName);
        Assert.Equal("Ada Lovelace", standardAfter.Profile.Attributes.FullName);
        Assert.Equal(changed.Revision, standardAfter.Profile.Revision);
    }

    [Fact]
    public async Task GetProfile_AuditsTheCallerNamedInMetadata_WhenTheCallCarriesIt()
    {
        var loggers = new RecordingLoggers();
        await using var node = await StartNodeAsync(loggers);
        await _writer.WriteAsync(E("a9", "C-9", new AttributesChanged { FullName = "Grace Hopper" }, DomainChannel.BranchCounter));
        await node.WaitForProfileAsync("C-9", p => p.Revision >= 1);
        var headers = new Grpc.Metadata { { Api.Caller.IdHeader, "teller-0042" }, { Api.Caller.RoleHeader, "teller" } };

        var agent = new Grpc.Metadata { { Api.Caller.IdHeader, "agent-0007" }, { Api.Caller.RoleHeader, "agent" } };
        var supervising = new Grpc.Metadata { { Api.Caller.IdHeader, "teller-0042" }, { Api.Caller.RoleHeader, "supervisor" } };

        // One connection, callers taking turns: each call is audited as its own caller, never as the one before it.
        await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-9" }, new Grpc.Client.CallOptions { Headers = headers });
        await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-9" });
        await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-9" }, new Grpc.Client.CallOptions { Headers = agent });
        await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-9" }, new Grpc.Client.CallOptions { Headers = headers });
        await node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-9" }, new Grpc.Client.CallOptions { Headers = supervising });

        var audit = loggers.Messages.Where(m => m.Category == "CustomerView.Audit" && m.Message.Contains("C-9", StringComparison.Ordinal)).Select(m => m.Message[..m.Message.IndexOf(" via", StringComparison.Ordinal)]).ToList();
        Assert.Equal(["teller-0042 (teller) read C-9", "anonymous () read C-9", "agent-0007 (agent) read C-9", "teller-0042 (teller) read C-9", "teller-0042 (supervisor) read C-9"], audit[^5..]);
    }

    [Fact]
    public async Task GrpcServer_LeavesHostingRequestDiagnosticsOff_WhileKestrelStillLogs()
    {
        var loggers = new RecordingLoggers();
        await using var node = await StartNodeAsync(loggers);

        await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-404" }));

        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", loggers.Categories);
        Assert.Contains(loggers.Categories, c => c.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_GetClearStatuses_WhenInvalidOrUnknown()
    {
        await using var node = await StartNodeAsync();

        var invalid = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "not a valid id" }));
        var unknown = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-404" }));
        var badView = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.GetProfileAsync(new V1.GetProfileRequest { CustomerId = "C-1", View = (V1.ProfileView)42 }));
        var badPage = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.ListInteractionsAsync(new V1.ListInteractionsRequest { CustomerId = "C-1", PageSize = 1000 }));
        var badToken = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.ListInteractionsAsync(new V1.ListInteractionsRequest { CustomerId = "C-1", PageToken = "%%%" }));
        var badPhone = await Assert.ThrowsAsync<Grpc.RpcException>(() => node.Client.LookupCustomersAsync(new V1.LookupCustomersRequest { Kind = V1.IdentifierKind.Phone, Value = "call me" }));

        Assert.Equal(Grpc.StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("customer id", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Grpc.StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(Grpc.StatusCode.InvalidArgument, badView.StatusCode);
        Assert.Equal(Grpc.StatusCode.InvalidArgument, badPage.StatusCode);
        Assert.Contains("page_size", badPage.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Grpc.StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.Equal(Grpc.StatusCode.InvalidArgument, badPhone.StatusCode);
    }

    [Fact]
    public async Task ListInteractionsAndTasks_PageAndFilter_WhenHistoryIsLong()
    {
        await using var node = await StartNodeAsync();
        var events = Enumerable.Range(0, 25).Select(i => E($"h{i:D2}", "C-9", Contact("t"), i % 2 == 0 ? DomainChannel.CallCenter : DomainChannel.MobileApp, 100 - i)).ToList();
        events.Add(E("s1", "C-9", new TaskStarted("A", TaskKind.Callback, "Call back"), DomainChannel.CallCenter, 50));
        events.Add(E("s2", "C-9", new TaskStarted("B", TaskKind.DocumentSubmission, "Docs"), DomainChannel.MobileApp, 50));
        events.Add(E("s3", "C-9", new TaskCompleted("B", "received"), DomainChannel.MobileApp, 40));
        await _writer.WriteAsync([.. events]);
        await node.WaitForProfileAsync("C-9", p => p.Revision >= 28);

        var first = await node.Client.ListInteractionsAsync(new V1.ListInteractionsRequest { CustomerId = "C-9", PageSize = 10, Channels = { V1.Channel.CallCenter } });
        var second = await node.Client.ListInteractionsAsync(new V1.ListInteractionsRequest { CustomerId = "C-9", PageSize = 10, PageToken = first.NextPageToken, Channels = { V1.Channel.CallCenter } });
        var open = await node.Client.ListTasksAsync(new V1.ListTasksRequest { CustomerId = "C-9" });
        var all = await node.Client.ListTasksAsync(new V1.ListTasksRequest { CustomerId = "C-9", IncludeClosed = true });

        Assert.Equal(10, first.Interactions.Count);
        Assert.Equal("h24", first.Interactions[0].EventId);
        Assert.All(first.Interactions.Concat(second.Interactions), i => Assert.Equal(V1.Channel.CallCenter, i.Channel));
        Assert.Equal(3, second.Interactions.Count);
        Assert.Empty(second.NextPageToken);
        Assert.Equal(13, first.Interactions.Concat(second.Interactions).Select(i => i.EventId).Distinct().Count());
        Assert.Equal("A", Assert.Single(open.Tasks).TaskId);
        Assert.Equal(2, all.Tasks.Count);
    }

    [Fact]
    public async Task DueWork_ExpiresATask_WithoutAnotherEventArriving()
    {
        await using var node = await StartNodeAsync();
        await _writer.WriteAsync(E("s1", "C-10", new TaskStarted("OFFER-1", TaskKind.LoanApplication, "Pre-approved offer") { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2) }, DomainChannel.MobileApp, 1));

        var expired = await node.WaitForProfileAsync("C-10", p => p.Tasks.Count == 1 && p.Tasks[0].Status == V1.TaskStatus.Expired);

        Assert.Contains(expired.Tasks[0].Steps, s => s.Description == "expired");
    }

    private List<ConsumeResult<byte[], byte[]>> ReadDeadLetters(int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("cv.dead-letter");
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
            }
        }

        Assert.Equal(expected, records.Count);
        return [.. records.OrderBy(r => long.Parse(Header(r, KafkaHeaders.DeadLetterSourceOffset), System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static string Header(ConsumeResult<byte[], byte[]> record, string name) =>
        System.Text.Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));

    private static string Strip(string profileJson) =>
        System.Text.RegularExpressions.Regex.Replace(profileJson, "\"evaluatedAt\": \"[^\"]+\"", string.Empty);
}

public sealed class SqliteEndToEndTests : EndToEndTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cv-it-" + Guid.NewGuid().ToString("N"));

    protected override Task<StorageSetup> CreateStorageAsync() => Task.FromResult(new StorageSetup("sqlite", _directory, null));

    protected override Task DisposeStorageAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgresEndToEndTests(Testing.PostgresServer server) : EndToEndTests, IClassFixture<Testing.PostgresServer>
{
    protected override async Task<StorageSetup> CreateStorageAsync() =>
        new("postgres", Path.GetTempPath(), await server.CreateDatabaseAsync());
}
