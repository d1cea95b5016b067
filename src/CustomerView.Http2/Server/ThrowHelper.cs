using System.Diagnostics.CodeAnalysis;

namespace CustomerView.Http2.Server;

/// <summary>Throws out of line, so hot paths stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
