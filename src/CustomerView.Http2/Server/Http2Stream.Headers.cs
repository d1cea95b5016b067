using System.Text;
using CustomerView.Http2.Hpack;
using Microsoft.AspNetCore.Http;

namespace CustomerView.Http2.Server;

/// <summary>
/// The request's header block as HPACK decodes it, checked as RFC 9113 §8.2 and §8.3 require: lower-case names,
/// pseudo-header fields first, once each, only the request ones; no connection-specific fields; TE only "trailers";
/// values without NUL, CR, LF or surrounding whitespace. A block that breaks a rule makes the request malformed: a
/// stream error, PROTOCOL_ERROR.
/// </summary>
internal abstract partial class Http2Stream : IHpackHeaderSink
{
    private readonly HeaderDictionary _requestHeaders = new();
    private HeaderDictionary? _requestTrailers;
    private bool _readingTrailers;
    private bool _regularFieldSeen;
    private string? _rawPath;
    private string? _authority;
    private bool _methodSeen;
    private bool _schemeSeen;

    /// <summary>Why the header block makes the request malformed, or null.</summary>
    public string? MalformedReason { get; private set; }

    /// <summary>Whether END_STREAM came with the request's HEADERS: no body.</summary>
    public bool RequestEndedBeforeStart { get; set; }

    /// <summary>Starts taking the request's header block.</summary>
    public void BeginRequestHeaders()
    {
        _readingTrailers = false;
        _regularFieldSeen = false;
        _rawPath = null;
        _authority = null;
        _methodSeen = false;
        _schemeSeen = false;
        MalformedReason = null;
        RequestEndedBeforeStart = false;
        _requestHeaders.Clear();
        _requestTrailers?.Clear();
    }

    /// <summary>Starts taking the request's trailers.</summary>
    public void BeginRequestTrailers()
    {
        _readingTrailers = true;
        MalformedReason = null;
        _requestTrailers ??= new HeaderDictionary();
    }

    /// <summary>
    /// Checks the whole request header block and sets the request's method, scheme, path and query; false (with
    /// <see cref="MalformedReason"/>) when it is malformed.
    /// </summary>
    public bool EndRequestHeaders()
    {
        if (MalformedReason is not null)
        {
            return false;
        }

        if (_readingTrailers)
        {
            return true;
        }

        if (!_methodSeen)
        {
            return Malformed("the request has no :method");
        }

        if (HttpMethods.IsConnect(Method))
        {
            return Malformed("CONNECT is not supported");
        }

        if (!_schemeSeen || _rawPath is null)
        {
            return Malformed("the request lacks :scheme or :path");
        }

        if (_rawPath.Length == 0 || (_rawPath[0] != '/' && !(_rawPath == "*" && HttpMethods.IsOptions(Method))))
        {
            return Malformed("the request's :path is neither absolute nor '*' for OPTIONS");
        }

        RawTarget = _rawPath;
        var query = _rawPath.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? _rawPath : _rawPath[..query];
        QueryString = query < 0 ? string.Empty : _rawPath[query..];
        Path = path.Contains('%', StringComparison.Ordinal) ? PathString.FromUriComponent(path).Value ?? "/" : path;
        IHeaderDictionary headers = _requestHeaders;
        if (_authority is not null && headers.Host.Count == 0)
        {
            headers.Host = _authority;
        }

        var contentLength = _requestHeaders.ContentLength;
        _requestContentLength = contentLength ?? -1;
        return true;
    }

    /// <inheritdoc />
    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (MalformedReason is not null)
        {
            return;
        }

        if (name.Length > 0 && name[0] == (byte)':')
        {
            OnPseudoHeader(name, value);
            return;
        }

        _regularFieldSeen = true;
        if (!Http2HeaderNames.IsValidRequestName(name))
        {
            Malformed("a field name is not a lower-case token");
            return;
        }

        if (!IsValidValue(value))
        {
            Malformed("a field value holds NUL, CR or LF, or starts or ends with whitespace");
            return;
        }

        var known = Http2HeaderNames.Find(name, out var cachedIndex);
        if (known is Http2HeaderNames.Connection or Http2HeaderNames.KeepAlive or Http2HeaderNames.ProxyConnection
            or Http2HeaderNames.TransferEncoding or Http2HeaderNames.Upgrade)
        {
            Malformed("a connection-specific field");
            return;
        }

        if (known == Http2HeaderNames.TE && !value.SequenceEqual("trailers"u8))
        {
            Malformed("TE is other than 'trailers'");
            return;
        }

        if (_readingTrailers)
        {
            _requestTrailers!.Append(known ?? Encoding.ASCII.GetString(name), Encoding.Latin1.GetString(value));
            return;
        }

        if (known is null)
        {
            var other = Connection.Values.GetOther(name, value, out var otherText);
            _requestHeaders.Append(other, otherText);
            return;
        }

        var text = Connection.Values.Get(cachedIndex, value);
        if (known == Http2HeaderNames.ContentLength)
        {
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                || _requestHeaders.ContainsKey(known))
            {
                Malformed("content-length is not one non-negative integer");
                return;
            }
        }

        _requestHeaders.Append(known, text);
    }

    private static bool IsValidValue(ReadOnlySpan<byte> value)
    {
        if (value.Length > 0 && (value[0] is (byte)' ' or (byte)'\t' || value[^1] is (byte)' ' or (byte)'\t'))
        {
            return false;
        }

        return value.IndexOfAny((byte)0, (byte)'\r', (byte)'\n') < 0;
    }

    private void OnPseudoHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (_readingTrailers)
        {
            Malformed("trailers hold a pseudo-header field");
            return;
        }

        if (_regularFieldSeen)
        {
            Malformed("a pseudo-header field follows a regular field");
            return;
        }

        if (!IsValidValue(value))
        {
            Malformed("a pseudo-header value holds NUL, CR or LF, or starts or ends with whitespace");
            return;
        }

        if (name.SequenceEqual(":method"u8))
        {
            if (_methodSeen || value.Length == 0)
            {
                Malformed("a second or empty :method");
                return;
            }

            _methodSeen = true;
            Method = value.SequenceEqual("POST"u8) ? HttpMethods.Post
                : value.SequenceEqual("GET"u8) ? HttpMethods.Get
                : Encoding.ASCII.GetString(value);
        }
        else if (name.SequenceEqual(":scheme"u8))
        {
            if (_schemeSeen)
            {
                Malformed("a second :scheme");
                return;
            }

            _schemeSeen = true;
            Scheme = value.SequenceEqual("http"u8) ? "http" : value.SequenceEqual("https"u8) ? "https" : Encoding.ASCII.GetString(value);
        }
        else if (name.SequenceEqual(":path"u8))
        {
            if (_rawPath is not null)
            {
                Malformed("a second :path");
                return;
            }

            _rawPath = Connection.Values.GetPath(value);
        }
        else if (name.SequenceEqual(":authority"u8))
        {
            if (_authority is not null)
            {
                Malformed("a second :authority");
                return;
            }

            _authority = Connection.Values.GetAuthority(value);
        }
        else
        {
            Malformed("an unknown or response pseudo-header field");
        }
    }

    private bool Malformed(string reason)
    {
        MalformedReason ??= reason;
        return false;
    }
}
