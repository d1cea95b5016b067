using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace CustomerView.Grpc.Client;

/// <summary>
/// A client for one server address over HttpClient's SocketsHttpHandler: h2c for http://, HTTP/2 over TLS for https://,
/// more HTTP/2 connections when one runs out of streams. Thread-safe; share one per server.
/// </summary>
public sealed partial class GrpcChannel : IDisposable
{
    private static readonly Version Http2 = HttpVersion.Version20;

    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _address;
    private readonly GrpcChannelOptions _options;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        _address = address;
        _options = options;
        _invoker = new HttpMessageInvoker(options.HttpHandler ?? CreateHandler(options), disposeHandler: true);
    }

    /// <summary>The server's base address.</summary>
    public Uri Address => _address;

    /// <summary>Creates a channel.</summary>
    /// <param name="address">http://host:port for h2c, https://host:port for TLS.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <returns>The channel.</returns>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The address must be http:// (h2c) or https:// (TLS).", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>Makes a unary call.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Per-call settings.</param>
    /// <returns>The response.</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new() =>
        (await UnaryCallAsync(method, request, options).ConfigureAwait(false)).Message;

    /// <summary>Makes a unary call and keeps the response metadata.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Per-call settings.</param>
    /// <returns>The response with its headers and trailers.</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<UnaryResponse<TResponse>> UnaryCallAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall(this, options);
        try
        {
            using var response = await call.SendAsync(method.Path, new MessageContent(request, options.CompressRequest)).ConfigureAwait(false);
            var reader = await call.OpenResponseAsync(response).ConfigureAwait(false);
            var readOptions = call.ReadOptions(response);
            var message = await GrpcMessageReader.ReadMessageAsync(reader, method.ResponseParser, readOptions, call.Token).ConfigureAwait(false);
            var extra = message is null
                ? null
                : await GrpcMessageReader.ReadMessageAsync(reader, method.ResponseParser, readOptions, call.Token).ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
            var status = ClientCall.ReadFinalStatus(response, out var trailers);
            if (status.Code != StatusCode.OK)
            {
                throw new RpcException(status, trailers);
            }

            if (message is null || extra is not null)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message."));
            }

            return new UnaryResponse<TResponse>(message, ToMetadata(response.Headers), trailers);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw call.Translate(ex);
        }
    }

    /// <summary>Starts a server-streaming call; read it with <see cref="ServerStreamingCall{TResponse}.ReadAllAsync"/>.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Per-call settings.</param>
    /// <returns>The call; dispose it to cancel.</returns>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall(this, options);
        return new ServerStreamingCall<TResponse>(call, call.SendAsync(method.Path, new MessageContent(request, options.CompressRequest)), method.ResponseParser);
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();

    internal int MaxReceiveMessageSize => _options.MaxReceiveMessageSize;

    internal Task<HttpResponseMessage> SendAsync(string path, CallOptions options, HttpContent content, CancellationToken cancellationToken) =>
        _invoker.SendAsync(CreateRequest(path, options, content), cancellationToken);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        if (options.ServerCertificateValidation is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        return handler;
    }

    private HttpRequestMessage CreateRequest(string path, CallOptions options, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, path))
        {
            Version = Http2,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        headers.TryAddWithoutValidation("user-agent", "customerview-grpc-dotnet/1.0");
        if (options.CompressRequest)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }

        if (options.Timeout is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.ValueBytes is { } bytes ? MetadataEncoding.EncodeBinary(bytes) : entry.Value);
            }
        }

        return request;
    }

    /// <summary>One request message with its gRPC prefix.</summary>
    private sealed class MessageContent : HttpContent
    {
        private readonly IMessage _message;
        private readonly bool _compress;

        public MessageContent(IMessage message, bool compress)
        {
            _message = message;
            _compress = compress;
            Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            GrpcFraming.WriteMessage(writer, _message, _compress ? GrpcProtocol.GzipEncoding : null);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    internal static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            var binary = Metadata.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (!binary)
                {
                    metadata.Add(new MetadataEntry(key, value));
                    continue;
                }

                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (MetadataEncoding.TryDecodeBinary(part, out var bytes))
                    {
                        metadata.Add(new MetadataEntry(key, bytes));
                    }
                }
            }
        }

        return metadata;
    }
}
