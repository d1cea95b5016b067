using CustomerView.Domain;

namespace CustomerView.Demo;

/// <summary>How <see cref="DemoTrafficPlayer"/> publishes events.</summary>
public sealed record DemoPlayerOptions
{
    /// <summary>Target rate in records per second; 0 publishes as fast as the producer takes them.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Share of events sent as canonical JSON (<c>application/json</c>); the rest are binary protobuf.</summary>
    public double JsonShare { get; init; } = 0.1;

    /// <summary>Share of events before which a poison record is injected; 0 (the default) injects none.</summary>
    public double PoisonShare { get; init; }

    /// <summary>Seed of the format and poison choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The topic for each channel; <see langword="null"/> uses <see cref="ChannelTopics.For"/>.</summary>
    public Func<Channel, string>? TopicFor { get; init; }

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait at the end for outstanding deliveries.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (EventsPerSecond < 0 || double.IsNaN(EventsPerSecond) || double.IsInfinity(EventsPerSecond))
        {
            throw new ArgumentException($"EventsPerSecond must be 0 or more, not {EventsPerSecond}.");
        }

        if (JsonShare is < 0 or > 1 || double.IsNaN(JsonShare))
        {
            throw new ArgumentException($"JsonShare must be between 0 and 1, not {JsonShare}.");
        }

        if (PoisonShare is < 0 or > 1 || double.IsNaN(PoisonShare))
        {
            throw new ArgumentException($"PoisonShare must be between 0 and 1, not {PoisonShare}.");
        }

        if (ProgressInterval <= TimeSpan.Zero || FlushTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("ProgressInterval must be positive and FlushTimeout not negative.");
        }
    }
}
