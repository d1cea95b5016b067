using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CustomerView.Benchmarks.Micro;

// Usage: CustomerView.Benchmarks.Micro [--quick] [--out FILE] [BenchmarkDotNet arguments, e.g. --filter '*View*'] | --sizes
// --quick: a short job (1 launch, 2 warm-ups, 5 iterations of about 100 ms) that runs the whole suite in about two
// minutes; without it, BenchmarkDotNet's default job. Both run in process (no generated project to build).
// --out FILE: the GitHub-flavoured markdown tables of every benchmark class, in one file.
// --sizes: prints the sizes of the realistic profile's views, snapshot and record values, and exits.
if (args is ["--sizes"])
{
    Sizes.Print(Console.Out);
    return 0;
}

var quick = false;
string? output = null;
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        default:
            rest.Add(args[i]);
            break;
    }
}

if (!rest.Contains("--filter") && !rest.Contains("-f") && !rest.Contains("--list"))
{
    rest.AddRange(["--filter", "*"]);
}

var job = quick
    ? Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
    : Job.Default;
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
    .WithOptions(ConfigOptions.DisableLogFile);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ApplyBenchmarks).Assembly).Run([.. rest], config).ToList();
if (output is not null && summaries.Count > 0)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    using var writer = new StreamWriter(output);
    var logger = new StreamLogger(writer);
    foreach (var summary in summaries.OrderBy(s => s.BenchmarksCases.FirstOrDefault()?.Descriptor.Type.Name, StringComparer.Ordinal))
    {
        var type = summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type;
        await writer.WriteLineAsync($"## {type?.Name ?? summary.Title}");
        await writer.WriteLineAsync();
        MarkdownExporter.GitHub.ExportToLog(summary, logger);
        await writer.WriteLineAsync();
    }

    Console.WriteLine($"markdown: {output}");
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
