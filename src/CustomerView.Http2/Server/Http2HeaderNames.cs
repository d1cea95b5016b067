using System.Text;

namespace CustomerView.Http2.Server;

/// <summary>Request field names the server knows, as interned strings, and the rule for a field name (RFC 9113 §8.2).</summary>
internal static class Http2HeaderNames
{
    public const string Connection = "connection";
    public const string KeepAlive = "keep-alive";
    public const string ProxyConnection = "proxy-connection";
    public const string TransferEncoding = "transfer-encoding";
    public const string Upgrade = "upgrade";
    public const string TE = "te";
    public const string ContentLength = "content-length";
    public const string ContentType = "content-type";
    public const string UserAgent = "user-agent";
    public const string GrpcTimeout = "grpc-timeout";
    public const string GrpcEncoding = "grpc-encoding";
    public const string GrpcAcceptEncoding = "grpc-accept-encoding";
    public const string AcceptEncoding = "accept-encoding";
    public const string Authorization = "authorization";
    public const string Host = "host";
    public const string Accept = "accept";

    /// <summary>The names whose last value each connection keeps, so a repeated value costs no string.</summary>
    public static readonly string[] Cached =
    [
        TE, ContentType, UserAgent, GrpcTimeout, GrpcEncoding, GrpcAcceptEncoding, AcceptEncoding, Authorization, ContentLength, Accept,
    ];

    private static readonly byte[][] CachedBytes = Array.ConvertAll(Cached, Encoding.ASCII.GetBytes);

    private static readonly (byte[] Bytes, string Name)[] Others =
        Array.ConvertAll([Connection, KeepAlive, ProxyConnection, TransferEncoding, Upgrade, Host], n => (Encoding.ASCII.GetBytes(n), n));

    /// <summary>The interned string for a known name, or null; <paramref name="cachedIndex"/> is its index in <see cref="Cached"/>, or -1.</summary>
    public static string? Find(ReadOnlySpan<byte> name, out int cachedIndex)
    {
        cachedIndex = CachedIndex(name);
        return cachedIndex >= 0 ? Cached[cachedIndex] : FindOther(name);
    }

    private static int CachedIndex(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < CachedBytes.Length; i++)
        {
            if (name.SequenceEqual(CachedBytes[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a regular field's name is a non-empty token without upper-case letters.</summary>
    public static bool IsValidRequestName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            var valid = c is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
                or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private static string? FindOther(ReadOnlySpan<byte> name)
    {
        foreach (var (bytes, text) in Others)
        {
            if (name.SequenceEqual(bytes))
            {
                return text;
            }
        }

        return null;
    }
}

/// <summary>
/// A connection's last value of each often-repeated field (<see cref="Http2HeaderNames.Cached"/>), of :path, of
/// :authority, and the names and last values of the first few fields the server does not know (an application's own,
/// such as a caller's id): a client sends the same ones on every call, so the same strings serve them all.
/// </summary>
internal sealed class Http2ValueCache
{
    /// <summary>How many names of fields the server does not know a connection remembers, with their last values.</summary>
    public const int OtherFields = 8;

    /// <summary>The longest value of such a field a connection remembers (longer ones cost a string every time).</summary>
    public const int OtherValueLength = 256;

    private readonly string?[] _values = new string?[Http2HeaderNames.Cached.Length];
    private readonly string?[] _paths = new string?[8];
    private readonly (string Name, string Value)[] _others = new (string, string)[OtherFields];
    private int _otherCount;
    private int _nextPath;
    private string? _authority;

    /// <summary>
    /// The value's string, reused when it equals the last one of the same name (<paramref name="index"/> in
    /// <see cref="Http2HeaderNames.Cached"/>, or -1 for a name whose values are not kept).
    /// </summary>
    public string Get(int index, ReadOnlySpan<byte> value)
    {
        if (index < 0)
        {
            return Encoding.Latin1.GetString(value);
        }

        var last = _values[index];
        if (last is not null && Matches(last, value))
        {
            return last;
        }

        return _values[index] = Encoding.Latin1.GetString(value);
    }

    /// <summary>
    /// The name and value of a field the server does not know, reused when the name is one of the first
    /// <see cref="OtherFields"/> the connection sent and the value is that name's last one (of at most
    /// <see cref="OtherValueLength"/> characters). Names past those are not remembered, so a client that sends ever new
    /// names or long values costs strings, never memory.
    /// </summary>
    /// <param name="name">The field's name, a valid lower-case token.</param>
    /// <param name="value">The field's value.</param>
    /// <param name="text">The value's string.</param>
    /// <returns>The name's string.</returns>
    public string GetOther(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, out string text)
    {
        for (var i = 0; i < _otherCount; i++)
        {
            ref var other = ref _others[i];
            if (Matches(other.Name, name))
            {
                if (Matches(other.Value, value))
                {
                    text = other.Value;
                }
                else
                {
                    text = Encoding.Latin1.GetString(value);
                    if (value.Length <= OtherValueLength)
                    {
                        other.Value = text;
                    }
                }

                return other.Name;
            }
        }

        var created = Encoding.ASCII.GetString(name);
        text = Encoding.Latin1.GetString(value);
        if (_otherCount < _others.Length)
        {
            _others[_otherCount++] = (created, value.Length <= OtherValueLength ? text : string.Empty);
        }

        return created;
    }

    /// <summary>A :path, reused from the connection's last eight different ones.</summary>
    public string GetPath(ReadOnlySpan<byte> value)
    {
        foreach (var path in _paths)
        {
            if (path is not null && Matches(path, value))
            {
                return path;
            }
        }

        var created = Encoding.Latin1.GetString(value);
        _paths[_nextPath] = created;
        _nextPath = (_nextPath + 1) % _paths.Length;
        return created;
    }

    /// <summary>An :authority, reused when it is the last one.</summary>
    public string GetAuthority(ReadOnlySpan<byte> value)
    {
        if (_authority is not null && Matches(_authority, value))
        {
            return _authority;
        }

        return _authority = Encoding.Latin1.GetString(value);
    }

    private static bool Matches(string text, ReadOnlySpan<byte> value)
    {
        if (text.Length != value.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (text[i] != value[i])
            {
                return false;
            }
        }

        return true;
    }
}
