using System.Diagnostics.CodeAnalysis;

namespace CustomerView.Grpc.Server;

/// <summary>Throws kept out of line so that hot paths stay small.</summary>
internal static class ThrowHelpers
{
    [DoesNotReturn]
    public static void ThrowCallComplete() =>
        throw new InvalidOperationException("Can't write the message because the call is complete.");

    [DoesNotReturn]
    public static void ThrowNullMessage() => throw new ArgumentNullException("message");

    [DoesNotReturn]
    public static void ThrowCancelledWrite() =>
        throw new OperationCanceledException("Request aborted while sending the message.");
}
