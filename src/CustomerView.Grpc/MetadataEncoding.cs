using System.Buffers;
using System.Buffers.Text;

namespace CustomerView.Grpc;

/// <summary>Wire encoding of binary (-bin) metadata values: base64, emitted unpadded, accepted padded or not.</summary>
public static class MetadataEncoding
{
    /// <summary>Encodes bytes as unpadded base64.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The base64 text without '=' padding.</returns>
    public static string EncodeBinary(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes base64, padded or unpadded.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="bytes">The decoded bytes.</param>
    /// <returns>False when the value is not base64.</returns>
    public static bool TryDecodeBinary(string value, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            bytes = [];
            return false;
        }

        var length = trimmed.Length + padding;
        var rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            trimmed.CopyTo(rented);
            rented.AsSpan(trimmed.Length, padding).Fill('=');
            var output = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
            if (!Convert.TryFromBase64Chars(rented.AsSpan(0, length), output, out var written))
            {
                bytes = [];
                return false;
            }

            bytes = written == output.Length ? output : output.AsSpan(0, written).ToArray();
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
