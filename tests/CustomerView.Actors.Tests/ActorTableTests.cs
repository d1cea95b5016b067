namespace CustomerView.Actors.Tests;

public sealed class ActorTableTests
{
    private sealed class Counter(string key) : Actor(key)
    {
        public int Value;
        public bool Pinned;
        public bool WasDeactivated;

        protected internal override bool CanDeactivate => !Pinned;

        protected internal override void OnDeactivated() => WasDeactivated = true;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _now = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);
    }

    private static readonly ActorTableOptions Options = new() { IdleTimeout = TimeSpan.FromMinutes(1), MaxActive = 1000, SweepInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task RunAsync_ActivatesOnce_WhenManyCallersRaceForOneKey()
    {
        var activations = 0;
        await using var table = new ActorTable<Counter>(async (key, _, ct) =>
        {
            Interlocked.Increment(ref activations);
            await Task.Delay(20, ct);
            return new Counter(key);
        }, Options);

        var calls = Enumerable.Range(0, 50).Select(_ => table.RunAsync("c1", 0, static (a, _) => ++a.Value, TestContext.Current.CancellationToken).AsTask());
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, activations);
        Assert.Equal(Enumerable.Range(1, 50), results.Order());
        Assert.Equal(1, table.ActiveCount);
    }

    [Fact]
    public async Task RunAsync_RunsOneMessageAtATime_ForOneActor()
    {
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options);
        var inside = 0;
        var maxInside = 0;

        await Parallel.ForAsync(0, 2000, TestContext.Current.CancellationToken, async (_, ct) =>
        {
            await table.RunAsync("c1", 0, (a, _) =>
            {
                var now = Interlocked.Increment(ref inside);
                maxInside = Math.Max(maxInside, now);
                var read = a.Value;
                Thread.SpinWait(50);
                a.Value = read + 1;
                Interlocked.Decrement(ref inside);
                return 0;
            }, ct);
        });

        Assert.True(table.TryGetActive("c1", out var actor));
        Assert.Equal(2000, actor.Value);
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task Sweep_DeactivatesIdleActors_OnlyAfterTimeout()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options, clock);
        await table.RunAsync("a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        table.TryGetActive("a", out var actor);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, table.Sweep());
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, table.Sweep());
        Assert.Equal(0, table.ActiveCount);
        Assert.True(actor.WasDeactivated);
        Assert.False(table.TryGetActive("a", out _));
    }

    [Fact]
    public async Task Sweep_AllocatesNothingPerActor_WhenTheTableIsWithinItsCap()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options with { MaxActive = 20_000 }, clock);
        for (var i = 0; i < 10_000; i++)
        {
            await table.RunAsync("c-" + i, 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        }

        table.Sweep();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var deactivated = table.Sweep();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, deactivated);
        Assert.Equal(10_000, table.ActiveCount);
        Assert.InRange(allocated, 0, 4_096);
    }

    [Fact]
    public async Task TryRun_RecordsTheGivenTouchTime_SoSweepsMeasureIdlenessFromIt()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options, clock);
        await table.RunAsync("a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        table.TryGetActive("a", out var actor);
        var touchedAt = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(table.TryRun(actor, touchedAt, 5, static (a, by) => a.Value += by, out var value));
        Assert.Equal(5, value);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, table.Sweep());
    }

    [Fact]
    public async Task TryReadAlongside_ReadsWithoutWaiting_WhileATurnRuns()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options, clock);
        await table.RunAsync("a", 0, static (a, _) => a.Value = 7, TestContext.Current.CancellationToken);
        table.TryGetActive("a", out var actor);
        using var inTurn = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var turn = Task.Run(() => table.TryRun(actor, 0, (a, _) =>
        {
            inTurn.Set();
            release.Wait(TestContext.Current.CancellationToken);
            return a.Value;
        }, out _), TestContext.Current.CancellationToken);
        inTurn.Wait(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(50));

        var read = Task.Run(() => table.TryReadAlongside(actor, 0, static (a, _) => a.Value, out var value) ? value : -1, TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        release.Set();
        await turn;

        Assert.Same(read, finished);
        Assert.Equal(7, await read);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, table.Sweep());
    }

    [Fact]
    public async Task TryReadAlongside_ReturnsFalse_WhenTheActorWasDeactivated()
    {
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options);
        await table.RunAsync("a", 0, static (a, _) => ++a.Value, TestContext.Current.CancellationToken);
        table.TryGetActive("a", out var actor);

        Assert.Equal(1, table.DeactivateWhere(a => a.Key == "a"));

        Assert.False(table.TryReadAlongside(actor, 0, static (a, _) => a.Value, out _));
    }

    [Fact]
    public async Task TryGetActive_FindsTheActor_WhenTheKeyIsASpan()
    {
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options);
        await table.RunAsync("C-0000042", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        Span<char> key = stackalloc char[16];
        "C-0000042".CopyTo(key);

        Assert.True(table.TryGetActive(key[..9], out var actor));
        Assert.Equal("C-0000042", actor.Key);
        Assert.False(table.TryGetActive(key[..8], out _));
    }

    [Fact]
    public async Task Sweep_KeepsActor_WhenItCannotDeactivate()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key) { Pinned = true }), Options, clock);
        await table.RunAsync("a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, table.Sweep());
        Assert.Equal(1, table.ActiveCount);
    }

    [Fact]
    public async Task Sweep_TrimsToCapLeastRecentlyUsedFirst_WhenOverCap()
    {
        var clock = new ManualClock();
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options with { MaxActive = 3 }, clock);
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            await table.RunAsync(key, 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await table.RunAsync("a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        table.Sweep();

        Assert.Equal(3, table.ActiveCount);
        Assert.True(table.TryGetActive("a", out _));
        Assert.False(table.TryGetActive("b", out _));
        Assert.False(table.TryGetActive("c", out _));
        Assert.True(table.TryGetActive("e", out _));
    }

    [Fact]
    public async Task RunAsync_ActivatesAgainWithFreshState_AfterDeactivation()
    {
        var activations = 0;
        await using var table = new ActorTable<Counter>((key, _, _) =>
        {
            Interlocked.Increment(ref activations);
            return ValueTask.FromResult(new Counter(key));
        }, Options);
        await table.RunAsync("a", 0, static (a, _) => ++a.Value, TestContext.Current.CancellationToken);
        table.TryGetActive("a", out var first);

        Assert.Equal(1, table.DeactivateWhere(a => a.Key == "a"));
        Assert.False(table.TryRun(first, 0, static (a, _) => ++a.Value, out _));
        var value = await table.RunAsync("a", 0, static (a, _) => ++a.Value, TestContext.Current.CancellationToken);

        Assert.Equal(2, activations);
        Assert.Equal(1, value);
    }

    [Fact]
    public async Task DeactivateWhere_DeactivatesPinnedActors_WhenForced()
    {
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key) { Pinned = true }), Options);
        await table.RunAsync("p1-a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        await table.RunAsync("p2-a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);

        Assert.Equal(1, table.DeactivateWhere(a => a.Key.StartsWith("p1", StringComparison.Ordinal)));
        Assert.False(table.TryGetActive("p1-a", out _));
        Assert.True(table.TryGetActive("p2-a", out _));
    }

    [Fact]
    public async Task RunAsync_PropagatesActivationFailure_AndRetriesOnNextCall()
    {
        var attempts = 0;
        await using var table = new ActorTable<Counter>((key, _, _) =>
            ++attempts == 1 ? throw new InvalidOperationException("storage down") : ValueTask.FromResult(new Counter(key)), Options);

        await Assert.ThrowsAsync<InvalidOperationException>(() => table.RunAsync("a", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken).AsTask());
        var value = await table.RunAsync("a", 0, static (a, _) => a.Value + 7, TestContext.Current.CancellationToken);

        Assert.Equal(7, value);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Table_TrimsByItself_WhenActivationsExceedCap()
    {
        await using var table = new ActorTable<Counter>((key, _, _) => ValueTask.FromResult(new Counter(key)), Options with { MaxActive = 10, SweepInterval = TimeSpan.FromHours(1) });
        for (var i = 0; i < 100; i++)
        {
            await table.RunAsync($"k{i}", 0, static (a, _) => a.Value, TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (table.ActiveCount > 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.InRange(table.ActiveCount, 1, 10);
    }
}
