using System.Diagnostics.CodeAnalysis;
using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Mapping;

/// <summary>Out-of-line throws, so the callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void UnknownPayload(EventPayload payload) =>
        throw new ArgumentException($"Payload {payload.GetType().Name} ({payload.Name}) has no contract mapping.", nameof(payload));

    [DoesNotReturn]
    public static byte[] UnsupportedFormat(EventFormat format) =>
        throw new ArgumentOutOfRangeException(nameof(format), format, "Events are encoded as protobuf or JSON.");
}
