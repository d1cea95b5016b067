using System.Diagnostics;
using System.Globalization;

namespace CustomerView.LoadTool;

/// <summary>Counters and memory of a child at one moment.</summary>
internal sealed record ChildStats(long Consumed, long Applied, long Commits, long ProfilesWritten, long Active, long Rss, long Heap, double CpuMs)
{
    /// <summary>Garbage collections so far (all generations).</summary>
    public long Collections { get; init; }

    /// <summary>Gen-2 collections so far.</summary>
    public long Gen2Collections { get; init; }

    /// <summary>Time the runtime has been paused for GC so far.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Bytes allocated on the managed heap so far.</summary>
    public long Allocated { get; init; }

    /// <summary>Time the node's commits took so far, from hand-over to storage to completion.</summary>
    public long CommittingMs { get; init; }

    /// <summary>Time the node's ingestion loop stood waiting for a commit in flight so far.</summary>
    public long WaitingForCommitsMs { get; init; }

    /// <summary>Records the node sent to the dead-letter topic so far.</summary>
    public long DeadLettered { get; init; }
}

/// <summary>The parent's handle on a <see cref="ChildHost"/> process.</summary>
internal sealed class Child : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private Child(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static async Task<Child> StartAsync(string mode, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Child).Assembly.Location);
        }

        info.ArgumentList.Add(mode);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                return new Child(process, int.Parse(line[6..], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"{mode} child exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }

    public int ProcessId => _process.Id;

    public Task<ChildStats> StatsAsync() => AskAsync("stats");

    public Task<ChildStats> CollectAsync() => AskAsync("gc");

    /// <summary>Starts the child's allocation sampler (when it runs with <c>CV_ALLOCATIONS=1</c>) and answers its stats.</summary>
    public Task<ChildStats> StartSamplingAsync() => AskAsync("sample");

    /// <summary>Waits until the child has consumed <paramref name="count"/> records (or <paramref name="timeout"/> passes).</summary>
    public async Task<ChildStats> WaitConsumedAsync(long count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var stats = await StatsAsync();
            if (stats.Consumed >= count || deadline.Elapsed > timeout)
            {
                return stats;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _gate.Dispose();
    }

    private async Task<ChildStats> AskAsync(string command)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("STATS ", StringComparison.Ordinal))
                {
                    var f = line[6..].Split(' ');
                    long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
                    return new ChildStats(L(0), L(1), L(2), L(3), L(4), L(8), L(9), double.Parse(f[10], CultureInfo.InvariantCulture))
                    {
                        CommittingMs = L(5),
                        WaitingForCommitsMs = L(6),
                        DeadLettered = L(7),
                        Collections = L(11),
                        Gen2Collections = L(12),
                        GcPauseMs = double.Parse(f[13], CultureInfo.InvariantCulture),
                        Allocated = L(14),
                    };
                }
            }

            throw new InvalidOperationException("child exited");
        }
        finally
        {
            _gate.Release();
        }
    }
}
