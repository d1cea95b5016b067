using System.Collections;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CustomerView.Http2.Server;

/// <summary>The features the stream gives ASP.NET Core, and the feature collection that holds them.</summary>
internal abstract partial class Http2Stream : IFeatureCollection,
    IHttpRequestFeature,
    IHttpResponseFeature,
    IHttpResponseBodyFeature,
    IRequestBodyPipeFeature,
    IHttpRequestLifetimeFeature,
    IHttpResponseTrailersFeature,
    IHttpRequestIdentifierFeature,
    IHttpRequestBodyDetectionFeature,
    IHttpRequestTrailersFeature,
    IHttp2ResponseBodyReferenceFeature
{
    private readonly List<KeyValuePair<Type, object>> _extraFeatures = [];
    private int _revision;
    private string? _traceIdentifier;
    private Stream? _requestStream;
    private Stream? _responseStream;
    private IHeaderDictionary _requestHeadersView = null!;
    private IHeaderDictionary _responseHeadersView = null!;
    private IHeaderDictionary? _responseTrailersView;
    private Stream? _requestBodyOverride;
    private Stream? _responseBodyOverride;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public int Revision => _revision;

    /// <inheritdoc />
    public object? this[Type key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            foreach (var feature in _extraFeatures)
            {
                if (feature.Key == key)
                {
                    return feature.Value;
                }
            }

            return OwnFeature(key) ?? Connection.GetConnectionFeature(key);
        }

        set
        {
            ArgumentNullException.ThrowIfNull(key);
            for (var i = 0; i < _extraFeatures.Count; i++)
            {
                if (_extraFeatures[i].Key == key)
                {
                    if (value is null)
                    {
                        _extraFeatures.RemoveAt(i);
                    }
                    else
                    {
                        _extraFeatures[i] = new KeyValuePair<Type, object>(key, value);
                    }

                    _revision++;
                    return;
                }
            }

            if (value is not null)
            {
                _extraFeatures.Add(new KeyValuePair<Type, object>(key, value));
            }

            _revision++;
        }
    }

    /// <inheritdoc />
    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    /// <inheritdoc />
    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        foreach (var type in OwnFeatureTypes)
        {
            yield return new KeyValuePair<Type, object>(type, this[type]!);
        }

        foreach (var feature in _extraFeatures)
        {
            yield return feature;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // IHttpRequestFeature

    /// <inheritdoc />
    public string Protocol { get; set; } = HttpProtocol.Http2;

    /// <inheritdoc />
    public string Scheme { get; set; } = "http";

    /// <inheritdoc />
    public string Method { get; set; } = HttpMethods.Post;

    /// <inheritdoc />
    public string PathBase { get; set; } = string.Empty;

    /// <inheritdoc />
    public string Path { get; set; } = "/";

    /// <inheritdoc />
    public string QueryString { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RawTarget { get; set; } = "/";

    /// <inheritdoc />
    IHeaderDictionary IHttpRequestFeature.Headers
    {
        get => _requestHeadersView;
        set => _requestHeadersView = value;
    }

    /// <inheritdoc />
    Stream IHttpRequestFeature.Body
    {
        get => _requestBodyOverride ?? (_requestStream ??= _bodyReader.AsStream(leaveOpen: true));
        set => _requestBodyOverride = value;
    }

    // IRequestBodyPipeFeature

    /// <inheritdoc />
    PipeReader IRequestBodyPipeFeature.Reader => _bodyReader;

    // IHttpRequestBodyDetectionFeature

    /// <inheritdoc />
    public bool CanHaveBody => !RequestEndedBeforeStart;

    // IHttpRequestTrailersFeature

    /// <inheritdoc />
    public bool Available => RequestEnded;

    /// <inheritdoc />
    IHeaderDictionary IHttpRequestTrailersFeature.Trailers => _requestTrailers ?? EmptyHeaders;

    // IHttpResponseFeature

    /// <inheritdoc />
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <inheritdoc />
    public string? ReasonPhrase { get; set; }

    /// <inheritdoc />
    IHeaderDictionary IHttpResponseFeature.Headers
    {
        get => _responseHeadersView;
        set => _responseHeadersView = value;
    }

    /// <inheritdoc />
    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.", error: false)]
    Stream IHttpResponseFeature.Body
    {
        get => _responseBodyOverride ?? ResponseStream;
        set => _responseBodyOverride = value;
    }

    /// <inheritdoc />
    public bool HasStarted => HeadersSent || _startRequested;

    // IHttpResponseBodyFeature

    /// <inheritdoc />
    Stream IHttpResponseBodyFeature.Stream => ResponseStream;

    /// <inheritdoc />
    PipeWriter IHttpResponseBodyFeature.Writer => _bodyWriter;

    // IHttpResponseTrailersFeature

    /// <inheritdoc />
    IHeaderDictionary IHttpResponseTrailersFeature.Trailers
    {
        get => _responseTrailersView ??= _responseTrailers;
        set => _responseTrailersView = value;
    }

    // IHttpRequestLifetimeFeature

    /// <inheritdoc />
    public CancellationToken RequestAborted
    {
        get => _aborted.Token;
        set => throw new NotSupportedException("The request's cancellation token belongs to the server.");
    }

    // IHttpRequestIdentifierFeature

    /// <inheritdoc />
    public string TraceIdentifier
    {
        get => _traceIdentifier ??= string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Connection.ConnectionId}:{Id:X8}");
        set => _traceIdentifier = value;
    }

    private static IHeaderDictionary EmptyHeaders { get; } = new HeaderDictionary { IsReadOnly = true };

    private static Type[] OwnFeatureTypes { get; } =
    [
        typeof(IHttpRequestFeature), typeof(IHttpResponseFeature), typeof(IHttpResponseBodyFeature), typeof(IRequestBodyPipeFeature),
        typeof(IHttpRequestLifetimeFeature), typeof(IHttpResponseTrailersFeature), typeof(IHttpRequestIdentifierFeature),
        typeof(IHttpRequestBodyDetectionFeature), typeof(IHttpRequestTrailersFeature), typeof(IHttpConnectionFeature),
    ];

    private Stream ResponseStream => _responseStream ??= _bodyWriter.AsStream(leaveOpen: true);

    /// <inheritdoc />
    public void Abort() => Connection.ResetFromApplication(this);

    /// <inheritdoc />
    public bool TryAppendReference(ReadOnlyMemory<byte> data) => _bodyWriter.TryAppendReference(data);

    /// <inheritdoc />
    public void DisableBuffering()
    {
    }

    /// <inheritdoc />
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(ResponseStream, path, offset, count, cancellationToken);

    private object? OwnFeature(Type key)
    {
        if (key == typeof(IHttpConnectionFeature))
        {
            return Connection;
        }

        return Array.IndexOf(OwnFeatureTypes, key) >= 0 ? this : null;
    }

    private void ResetFeatures()
    {
        if (_extraFeatures.Count > 0)
        {
            _extraFeatures.Clear();
        }

        _revision++;
        _traceIdentifier = null;
        _requestBodyOverride = null;
        _responseBodyOverride = null;
        _requestHeadersView = _requestHeaders;
        _responseHeadersView = _responseHeaders;
        _responseTrailersView = null;
        StatusCode = StatusCodes.Status200OK;
        ReasonPhrase = null;
    }
}
