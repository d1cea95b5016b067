using System.Globalization;
using CustomerView.Contracts.Events;
using CustomerView.Demo.Journeys;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using Google.Protobuf;

namespace CustomerView.Demo;

/// <summary>Turns domain events into Kafka records: mostly protobuf, a share as JSON, optionally with poison records mixed in.</summary>
public static class DemoRecords
{
    /// <summary>A content type no decoder reads, as a misconfigured producer might send.</summary>
    public const string UnknownContentType = "application/vnd.apache.avro+binary";

    private const int PoisonKinds = 4;

    /// <summary>The records for <paramref name="events"/>, lazily, in order.</summary>
    /// <param name="events">The events, e.g. from <see cref="DemoJourneys.Generate"/>.</param>
    /// <param name="options">JSON and poison shares, seed and topics.</param>
    /// <returns>One record per event, plus poison records before some events when <see cref="DemoPlayerOptions.PoisonShare"/> is positive.</returns>
    public static IEnumerable<DemoRecord> From(IEnumerable<DomainEvent> events, DemoPlayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return FromCore(events, options);
    }

    private static IEnumerable<DemoRecord> FromCore(IEnumerable<DomainEvent> events, DemoPlayerOptions options)
    {
        var topicFor = options.TopicFor ?? ChannelTopics.For;
        var formats = DemoRandom.For(options.Seed, Streams.Format, 0);
        var poison = DemoRandom.For(options.Seed, Streams.Poison, 0);
        var injected = 0;
        foreach (var e in events)
        {
            if (options.PoisonShare > 0 && poison.Chance(options.PoisonShare))
            {
                var kind = (PoisonKind)(injected % PoisonKinds);
                injected++;
                foreach (var record in Poison(kind, e, options.Seed, injected, poison, topicFor))
                {
                    yield return record;
                }
            }

            var json = options.JsonShare > 0 && formats.Chance(options.JsonShare);
            yield return json
                ? new DemoRecord(topicFor(e.Channel), e.CustomerId.Value, ChannelEventEncoder.ToRecordValue(e, EventFormat.Json), EventContentTypes.Json, null, e.Id.Value)
                : new DemoRecord(topicFor(e.Channel), e.CustomerId.Value, ChannelEventEncoder.ToBytes(e), EventContentTypes.Protobuf, null, e.Id.Value);
        }
    }

    /// <summary>
    /// The events of an illegal transition for <paramref name="customerId"/>: a task started, cancelled, then
    /// completed. The first two apply; the profile rejects the completion.
    /// </summary>
    internal static DomainEvent[] IllegalTransition(CustomerId customerId, DateTimeOffset at, int seed, int number)
    {
        var taskId = string.Create(CultureInfo.InvariantCulture, $"POISON-{(uint)seed:x8}-{number}");
        DomainEvent Make(int step, DateTimeOffset when, string source, EventPayload payload) =>
            new(EventId.Parse(string.Create(CultureInfo.InvariantCulture, $"ev-poison-{(uint)seed:x8}-{number}-{step}")), customerId, Channel.MobileApp, when, source, payload)
            {
                CorrelationId = taskId,
            };

        return
        [
            Make(1, at - TimeSpan.FromMinutes(2), "mobile-backend", new TaskStarted(taskId, TaskKind.CardReplacement, "Replace damaged card") { NextAction = "Confirm delivery address" }),
            Make(2, at - TimeSpan.FromMinutes(1), "mobile-backend", new TaskCancelled(taskId, "Customer found the card")),
            Make(3, at, "card-management", new TaskCompleted(taskId, "Card dispatched")),
        ];
    }

    private static IEnumerable<DemoRecord> Poison(PoisonKind kind, DomainEvent e, int seed, int number, DemoRandom random, Func<Channel, string> topicFor)
    {
        var key = e.CustomerId.Value;
        var topic = topicFor(e.Channel);
        var eventId = string.Create(CultureInfo.InvariantCulture, $"ev-poison-{(uint)seed:x8}-{number}");
        switch (kind)
        {
            case PoisonKind.GarbageBytes:
                var garbage = new byte[random.Next(16, 64)];
                for (var i = 0; i < garbage.Length; i++)
                {
                    garbage[i] = (byte)random.NextUInt64();
                }

                // 0xFF is a tag with wire type 7, which no protobuf message has.
                garbage[0] = 0xFF;
                yield return new DemoRecord(topic, key, garbage, EventContentTypes.Protobuf, kind, null);
                break;
            case PoisonKind.UnknownContentType:
                var renamed = ChannelEventEncoder.Encode(e);
                renamed.EventId = eventId;
                yield return new DemoRecord(topic, key, renamed.ToByteArray(), UnknownContentType, kind, eventId);
                break;
            case PoisonKind.MissingCustomerId:
                var anonymous = ChannelEventEncoder.Encode(e);
                anonymous.EventId = eventId;
                anonymous.CustomerId = string.Empty;
                yield return new DemoRecord(topic, key, anonymous.ToByteArray(), EventContentTypes.Protobuf, kind, eventId);
                break;
            default:
                var steps = IllegalTransition(e.CustomerId, e.OccurredAt, seed, number);
                for (var i = 0; i < steps.Length; i++)
                {
                    var step = steps[i];
                    yield return new DemoRecord(
                        topicFor(step.Channel), key, ChannelEventEncoder.ToBytes(step), EventContentTypes.Protobuf, i == steps.Length - 1 ? kind : null, step.Id.Value);
                }

                break;
        }
    }
}
