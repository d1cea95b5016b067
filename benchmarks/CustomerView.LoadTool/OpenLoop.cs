using System.Diagnostics;

namespace CustomerView.LoadTool;

/// <summary>
/// An open-loop load generator: requests are scheduled at fixed intervals whatever the responses do, and each
/// latency is measured from its scheduled send time, so a slow response cannot hide the requests queued behind it
/// (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    public static async Task<(Histogram Latency, Histogram DispatchLag, double Achieved, long Errors)> RunAsync(Func<Task> call, double rate, TimeSpan duration)
    {
        var latency = new Histogram();
        var lag = new Histogram();
        long errors = 0;
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var dispatcher = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (long i = 0; i < total; i++)
            {
                var scheduled = start + (long)(i * interval);
                while (true)
                {
                    var ahead = scheduled - Stopwatch.GetTimestamp();
                    if (ahead <= 0)
                    {
                        break;
                    }

                    if (ahead > Stopwatch.Frequency / 500)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }

                lag.RecordStopwatchTicks(Stopwatch.GetTimestamp() - scheduled);
                pending.Add(Measure(call, scheduled, latency, () => Interlocked.Increment(ref errors)));
            }
        })
        { IsBackground = true, Name = "open-loop", Priority = ThreadPriority.AboveNormal };
        var clock = Stopwatch.StartNew();
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        await Task.WhenAll(pending);
        var achieved = total / clock.Elapsed.TotalSeconds;
        return (latency, lag, achieved, Interlocked.Read(ref errors));
    }

    private static async Task Measure(Func<Task> call, long scheduled, Histogram latency, Action failed)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failed();
        }

        latency.RecordStopwatchTicks(Stopwatch.GetTimestamp() - scheduled);
    }
}
