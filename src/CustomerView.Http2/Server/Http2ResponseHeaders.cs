using System.Buffers;
using CustomerView.Http2.Hpack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CustomerView.Http2.Server;

/// <summary>
/// Encodes response header blocks with the stateless HPACK encoder. A connection sends the same fields on every call
/// (content-type, grpc-status 0 …), so each connection keeps the encoded form of the last fields it sent, found by
/// the identity of their name and value strings.
/// </summary>
internal sealed class Http2ResponseHeaders
{
    private const int CacheSize = 16;
    private readonly (string? Name, string? Value, byte[]? Encoded)[] _cache = new (string?, string?, byte[]?)[CacheSize];
    private int _next;

    /// <summary>Writes :status, indexed when the static table has it.</summary>
    public static void WriteStatus(IBufferWriter<byte> block, int status)
    {
        var index = status switch
        {
            200 => HpackStaticTable.Status200,
            204 => 9,
            206 => 10,
            304 => 11,
            400 => 12,
            404 => 13,
            500 => 14,
            _ => 0,
        };
        if (index != 0)
        {
            HpackEncoder.WriteIndexed(block, index);
            return;
        }

        if (status is < 100 or > 999)
        {
            ThrowHelper.ThrowInvalidOperation($"The response status {status} is not a three-digit code.");
        }

        Span<byte> digits = stackalloc byte[3];
        digits[0] = (byte)('0' + (status / 100));
        digits[1] = (byte)('0' + (status / 10 % 10));
        digits[2] = (byte)('0' + (status % 10));
        HpackEncoder.WriteLiteral(block, 8, digits);
    }

    /// <summary>Writes every field of <paramref name="fields"/> except the connection-specific ones.</summary>
    public void WriteFields(Http2Buffer block, IHeaderDictionary fields)
    {
        // A stream's own dictionaries by their struct enumerator: through the interface, each block would box one.
        if (fields is HeaderDictionary dictionary)
        {
            foreach (var field in dictionary)
            {
                WriteField(block, field.Key, field.Value);
            }

            return;
        }

        foreach (var field in fields)
        {
            WriteField(block, field.Key, field.Value);
        }
    }

    private void WriteField(Http2Buffer block, string name, StringValues values)
    {
        if (IsConnectionSpecific(name))
        {
            return;
        }

        foreach (var value in values)
        {
            if (value is not null)
            {
                block.Write(Encoded(name, value));
            }
        }
    }

    private static bool IsConnectionSpecific(string name) =>
        name.Equals(Http2HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Http2HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Http2HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Http2HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Http2HeaderNames.ProxyConnection, StringComparison.OrdinalIgnoreCase);

    private static int StaticNameIndex(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("content-type"u8) => HpackStaticTable.ContentType,
        _ when name.SequenceEqual("content-length"u8) => 28,
        _ when name.SequenceEqual("content-encoding"u8) => 26,
        _ when name.SequenceEqual("date"u8) => 33,
        _ when name.SequenceEqual("server"u8) => 54,
        _ when name.SequenceEqual("cache-control"u8) => 24,
        _ when name.SequenceEqual("location"u8) => 46,
        _ when name.SequenceEqual("vary"u8) => 59,
        _ => 0,
    };

    private static byte[] Encode(string name, string value)
    {
        var nameBytes = new byte[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c > 0x7E || c <= 0x20 || c == ':')
            {
                ThrowHelper.ThrowInvalidOperation($"Invalid character in the response header name '{name}'.");
            }

            nameBytes[i] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
        }

        var valueBytes = new byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < 0x20 && c != '\t') || c > 0x7E)
            {
                ThrowHelper.ThrowInvalidOperation($"Invalid non-ASCII or control character in the value of response header '{name}'.");
            }

            valueBytes[i] = (byte)c;
        }

        var output = new ArrayBufferWriter<byte>(nameBytes.Length + valueBytes.Length + 8);
        var index = StaticNameIndex(nameBytes);
        if (index != 0)
        {
            HpackEncoder.WriteLiteral(output, index, valueBytes);
        }
        else
        {
            HpackEncoder.WriteLiteral(output, nameBytes, valueBytes);
        }

        return output.WrittenSpan.ToArray();
    }

    private byte[] Encoded(string name, string value)
    {
        foreach (var (cachedName, cachedValue, encoded) in _cache)
        {
            if (ReferenceEquals(cachedName, name) && ReferenceEquals(cachedValue, value))
            {
                return encoded!;
            }
        }

        var fresh = Encode(name, value);
        _cache[_next] = (name, value, fresh);
        _next = (_next + 1) % CacheSize;
        return fresh;
    }
}
