namespace CustomerView.LoadTool;

/// <summary>Everything one run measured; written as report.json and report.md.</summary>
internal sealed class Results
{
    public string Machine { get; set; } = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;

    public double DurationSeconds { get; set; }

    public List<IngestionResult> Ingestion { get; } = [];

    public GetProfileResult? GetProfile { get; set; }

    public FreshnessResult? Freshness { get; set; }

    public MemoryResult? Memory { get; set; }
}

/// <summary>A rate sampled once a second.</summary>
internal sealed record RateSample(double Seconds, double PerSecond);

internal sealed record IngestionResult(
    string Storage,
    double FloorEventsPerSecond,
    double EventsPerSecond,
    long Commits,
    long ProfilesWritten,
    double NodeCpuPercent,
    IReadOnlyList<RateSample> FloorSeries,
    IReadOnlyList<RateSample> EngineSeries)
{
    public double Ratio => EventsPerSecond / FloorEventsPerSecond;

    /// <summary>The floor's window before the node's; <see cref="FloorEventsPerSecond"/> is its mean with <see cref="FloorAfter"/>.</summary>
    public double FloorBefore { get; init; }

    /// <summary>The floor's window after the node's.</summary>
    public double FloorAfter { get; init; }

    /// <summary>The node's garbage collections in the measured window.</summary>
    public long NodeCollections { get; init; }

    /// <summary>The share of the measured window the node was paused for GC.</summary>
    public double NodeGcPauseShare { get; init; }

    /// <summary>Bytes the node allocated per applied event in the measured window.</summary>
    public double NodeBytesPerEvent { get; init; }

    /// <summary>The share of the window a commit was in flight (storage writing while the node applies).</summary>
    public double NodeCommittingShare { get; init; }

    /// <summary>The share of the machine's time the hypervisor took during the node's window (<c>/proc/stat</c> steal).</summary>
    public double Steal { get; init; }

    /// <summary>The same during the floor's window before the node's.</summary>
    public double FloorStealBefore { get; init; }

    /// <summary>The same during the floor's window after the node's.</summary>
    public double FloorStealAfter { get; init; }

    /// <summary>The share of the window the node's ingestion loop stood waiting for a commit.</summary>
    public double NodeCommitWaitShare { get; init; }

    /// <summary>Mean of the records produced and not yet consumed, sampled every 100 ms.</summary>
    public double MeanLag { get; init; }

    /// <summary>The share of lag samples at 90% of the bound or more, where the producer waits for the consumer side.</summary>
    public double LagAtBoundShare { get; init; }

    /// <summary>Cores used (and waited for) by each group of the node's and the load tool's threads in the node's window.</summary>
    public IReadOnlyList<ThreadGroupCpu> Threads { get; init; } = [];

    /// <summary>The same for the floor's window (the bare consumer's threads count as "node").</summary>
    public IReadOnlyList<ThreadGroupCpu> FloorThreads { get; init; } = [];
}

internal sealed record LatencyPoint(double Percentile, double Milliseconds);

internal sealed record OpenLoopResult(
    string Method,
    double Fraction,
    double OfferedPerSecond,
    double AchievedPerSecond,
    long Errors,
    double P50,
    double P99,
    double P999,
    double Max,
    double DispatchLagP99,
    IReadOnlyList<LatencyPoint> Curve)
{
    /// <summary>The node's CPU over the measured run, in cores.</summary>
    public double NodeCores { get; init; }

    /// <summary>Whether the generator thread ran under the real-time scheduler (see <see cref="OpenLoop.Realtime"/>).</summary>
    public bool GeneratorRealtime { get; init; }

    /// <summary>The node's garbage collections during the measured run.</summary>
    public long NodeCollections { get; init; }

    /// <summary>The node's total GC pause during the measured run.</summary>
    public double NodeGcPauseMs { get; init; }

    /// <summary>Bytes the node allocated per call during the measured run.</summary>
    public double NodeBytesPerCall { get; init; }

    /// <summary>Profiles the node wrote during the measured run (clock ticks: a customer's wake-up time came).</summary>
    public long NodeProfileWrites { get; init; }

    /// <summary>The server's CPU per call over the measured run, in microseconds.</summary>
    public double NodeMicrosecondsPerCall => AchievedPerSecond > 0 ? NodeCores * 1e6 / AchievedPerSecond : 0;

    /// <summary>How many of the machine's cores were busy on average over the measured run (every process).</summary>
    public double MachineBusyCores { get; init; }

    /// <summary>The share of the machine's time the hypervisor took over the measured run.</summary>
    public double MachineSteal { get; init; }
}

internal sealed record GetProfileResult(
    int ResponseBytes,
    int Customers,
    int InteractionsPerCustomer,
    int OpenTasksPerCustomer,
    IReadOnlyList<double> NoopRounds,
    IReadOnlyList<double> GetProfileRounds,
    double NoopMax,
    double GetProfileMax,
    double MedianRoundRatio,
    IReadOnlyList<OpenLoopResult> OpenLoop)
{
    /// <summary>The sized no-op's req/s per round: a no-op answering GetProfile's answer size.</summary>
    public IReadOnlyList<double> SizedRounds { get; init; } = [];

    /// <summary>The sized no-op's median round.</summary>
    public double SizedMax { get; init; }

    /// <summary>The median of the rounds' sized no-op / no-op ratios: what GetProfile's answer size alone leaves of the no-op's rate.</summary>
    public double SizedRoundRatio { get; init; }

    /// <summary>What a call cost the node and h2load in the maximum's rounds, per method.</summary>
    public MaximumCallCpu? CallCpu { get; init; }
}

/// <summary>
/// CPU per call in the maximum's rounds (µs, the median round of each method), of the node and of h2load, which share
/// the machine's two cores: where GetProfile's calls cost more than the no-op's, and how much of that is the answer's
/// bytes alone (the sized no-op).
/// </summary>
internal sealed record MaximumCallCpu(double NoopNode, double NoopClient, double SizedNode, double SizedClient, double GetProfileNode, double GetProfileClient)
{
    /// <summary>The no-op's CPU per call over GetProfile's, node and client together: the rate ratio a machine bound by CPU alone would give.</summary>
    public double CpuBoundRatio => (NoopNode + NoopClient) / (GetProfileNode + GetProfileClient);
}

internal sealed record FreshnessResult(int Watchers, int Samples, double RatePerSecond, double P50, double P99, double Max, IReadOnlyList<LatencyPoint> Curve);

internal sealed record MemoryPoint(int Customers, long RssBytes, long HeapBytes, long ActiveActors, double IngestSeconds);

internal sealed record MemoryResult(IReadOnlyList<MemoryPoint> Points, double BytesPerCustomerFirst, double BytesPerCustomerLast);
