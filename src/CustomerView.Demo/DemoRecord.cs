namespace CustomerView.Demo;

/// <summary>One Kafka record as the player sends it.</summary>
/// <param name="Topic">The channel topic.</param>
/// <param name="Key">The customer id.</param>
/// <param name="Value">The encoded event, or garbage.</param>
/// <param name="ContentType">The content-type header.</param>
/// <param name="Poison">The kind of poison, or <see langword="null"/> for a generated event.</param>
/// <param name="EventId">The event id inside, when there is one.</param>
public sealed record DemoRecord(string Topic, string Key, byte[] Value, string ContentType, PoisonKind? Poison, string? EventId);
