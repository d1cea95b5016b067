using System.Diagnostics.Tracing;
using System.Globalization;

namespace CustomerView.LoadTool;

/// <summary>
/// Samples the runtime's allocation ticks (one per ~100 KB allocated) by type, for finding what a child allocates
/// (<c>CV_ALLOCATIONS=1</c>); prints the top types to standard error when disposed.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start() => _on = true;

    public void Report(int top)
    {
        List<KeyValuePair<string, long>> rows;
        lock (_bytes)
        {
            rows = [.. _bytes];
            _bytes.Clear();
        }

        rows.Sort(static (a, b) => b.Value.CompareTo(a.Value));
        var total = 0L;
        foreach (var row in rows)
        {
            total += row.Value;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocation samples: {total / 1048576.0:F0} MiB"));
        for (var i = 0; i < Math.Min(top, rows.Count); i++)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rows[i].Value * 100.0 / total,5:F1} %  {rows[i].Key}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1 /* GC */);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.Payload is null)
        {
            return;
        }

        if (e.EventName == "GCHeapStats_V2")
        {
            string P(string n) => Convert.ToString(e.Payload[e.PayloadNames!.IndexOf(n)], CultureInfo.InvariantCulture) ?? "?";
            Console.Error.WriteLine($"gc: promoted gen0 {P("TotalPromotedSize0")} gen1 {P("TotalPromotedSize1")}; sizes gen0 {P("GenerationSize0")} gen1 {P("GenerationSize1")} gen2 {P("GenerationSize2")} loh {P("GenerationSize3")}");
            return;
        }

        if (e.EventName == "GCMarkWithType")
        {
            // Bytes marked from each kind of root: 0 stacks, 1 finalizer queue, 2 handles, 3 older generations (cards), 4 sized refs, 5 overflow.
            Console.Error.WriteLine($"mark {e.TimeStamp:HH:mm:ss.fff} heap {e.Payload[0]} type {e.Payload[2]} bytes {e.Payload[3]}");
            return;
        }

        if (e.EventName is "GCEnd_V1" or "GCStart_V2" or "GCSuspendEEBegin_V1" or "GCRestartEEEnd_V1")
        {
            var depth = e.PayloadNames!.IndexOf("Depth");
            Console.Error.WriteLine($"{e.EventName} {e.TimeStamp:HH:mm:ss.fff} gen {(depth >= 0 ? e.Payload[depth] : "-")}");
            return;
        }

        if (e.EventName != "GCAllocationTick_V4")
        {
            return;
        }

        var name = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[name] = _bytes.GetValueOrDefault(name) + amount;
        }
    }
}
