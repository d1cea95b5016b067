namespace CustomerView.Demo;

/// <summary>What <see cref="DemoTrafficPlayer"/> has published so far.</summary>
/// <param name="Records">Records handed to the producer (events and poison).</param>
/// <param name="Events">Generated events among them.</param>
/// <param name="Json">Records sent as JSON.</param>
/// <param name="Poison">Poison records among them.</param>
/// <param name="Delivered">Records the brokers acknowledged.</param>
/// <param name="Failed">Records that could not be delivered.</param>
/// <param name="Elapsed">Time since playing began.</param>
public sealed record DemoPlayReport(long Records, long Events, long Json, long Poison, long Delivered, long Failed, TimeSpan Elapsed)
{
    /// <summary>Records still awaiting acknowledgement.</summary>
    public long Pending => Records - Delivered - Failed;

    /// <summary>Whether playing stopped because it was cancelled.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Records handed over per second so far.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;
}
