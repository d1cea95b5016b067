using System.Diagnostics.Metrics;

namespace CustomerView.Kafka;

/// <summary>Instruments of the <c>CustomerView.Kafka</c> meter.</summary>
internal static class KafkaMetrics
{
    /// <summary>Name of the meter, for listeners and exporters.</summary>
    internal const string MeterName = "CustomerView.Kafka";

    /// <summary>Name of the dead-lettered records counter.</summary>
    internal const string DeadLetteredName = "customerview.kafka.dead_lettered";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Records the broker acknowledged on the dead-letter topic, tagged by category and source topic.</summary>
    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        DeadLetteredName,
        unit: "{record}",
        description: "Records written to the dead-letter topic.");
}
