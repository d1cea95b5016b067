using System.Diagnostics.CodeAnalysis;

namespace CustomerView.Http2.Hpack;

/// <summary>Throws out of line, so decoding loops stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Compression(string reason) => throw new HpackException(reason);
}
