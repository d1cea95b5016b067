using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace CustomerView.Grpc.Client;

/// <summary>The shared mechanics of one client call: cancellation and deadline, response validation, error mapping.</summary>
internal sealed class ClientCall : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private volatile bool _cancelledLocally;

    public ClientCall(GrpcChannel channel, CallOptions options)
    {
        _channel = channel;
        _options = options;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Timeout is { } timeout)
        {
            _cts.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }

        Token = _cts.Token;
    }

    public CancellationToken Token { get; }

    public Task<HttpResponseMessage> SendAsync(string path, HttpContent content) =>
        _channel.SendAsync(path, _options, content, Token);

    /// <summary>Checks the response headers; a Trailers-Only or non-200 response throws its status.</summary>
    public async Task<PipeReader> OpenResponseAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = TryReadStatus(response.Headers) ?? new Status(MapHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
            throw new RpcException(status, GrpcChannel.ToMetadata(response.Headers));
        }

        if (TryReadStatus(response.Headers) is { } trailersOnly)
        {
            if (trailersOnly.Code != StatusCode.OK)
            {
                throw new RpcException(trailersOnly, GrpcChannel.ToMetadata(response.Headers));
            }
        }
        else if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.ToString()))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {response.Content.Headers.ContentType}"));
        }

        var stream = await response.Content.ReadAsStreamAsync(Token).ConfigureAwait(false);
        return PipeReader.Create(stream);
    }

    public MessageReadOptions ReadOptions(HttpResponseMessage response)
    {
        string? encoding = null;
        if (response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values))
        {
            encoding = values.ToString();
        }

        return new MessageReadOptions(_channel.MaxReceiveMessageSize, encoding);
    }

    /// <summary>The call's final status from the trailers (or the Trailers-Only headers).</summary>
    public static Status ReadFinalStatus(HttpResponseMessage response, out Metadata trailers)
    {
        if (TryReadStatus(response.TrailingHeaders) is { } status)
        {
            trailers = GrpcChannel.ToMetadata(response.TrailingHeaders);
            return status;
        }

        if (TryReadStatus(response.Headers) is { } headerStatus)
        {
            trailers = GrpcChannel.ToMetadata(response.Headers);
            return headerStatus;
        }

        trailers = new Metadata();
        return new Status(StatusCode.Internal, "No grpc-status found on response.");
    }

    public static void ThrowIfNotOk(HttpResponseMessage response)
    {
        var status = ReadFinalStatus(response, out var trailers);
        if (status.Code != StatusCode.OK)
        {
            throw new RpcException(status, trailers);
        }
    }

    public void Cancel()
    {
        _cancelledLocally = true;
        _cts.Cancel();
    }

    /// <summary>Maps a transport or cancellation exception to the status a gRPC client reports.</summary>
    public RpcException Translate(Exception exception)
    {
        if (exception is OperationCanceledException || Token.IsCancellationRequested)
        {
            if (_options.Timeout is not null && !_cancelledLocally && !_options.CancellationToken.IsCancellationRequested)
            {
                return new RpcException(GrpcStatuses.DeadlineExceeded, new Metadata(), exception);
            }

            return new RpcException(GrpcStatuses.Cancelled, new Metadata(), exception);
        }

        var protocolError = exception as HttpProtocolException ?? exception.InnerException as HttpProtocolException;
        if (protocolError is not null)
        {
            var code = protocolError.ErrorCode switch
            {
                0x7 => StatusCode.Unavailable,
                0x8 => StatusCode.Cancelled,
                0xb => StatusCode.ResourceExhausted,
                0xc => StatusCode.PermissionDenied,
                _ => StatusCode.Internal,
            };
            return new RpcException(new Status(code, $"Error starting gRPC call. {protocolError.GetType().Name}: {protocolError.Message}"), new Metadata(), exception);
        }

        var transport = exception is HttpRequestException or IOException ? StatusCode.Unavailable : StatusCode.Internal;
        return new RpcException(new Status(transport, $"Error starting gRPC call. {exception.GetType().Name}: {exception.Message}"), new Metadata(), exception);
    }

    public void Dispose() => _cts.Dispose();

    private static Status? TryReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return null;
        }

        var text = values.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Invalid grpc-status value '{text}'.");
        }

        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var detail)
            ? PercentEncoding.Decode(detail.ToString())
            : string.Empty;
        return new Status((StatusCode)code, message);
    }

    /// <summary>HTTP status to gRPC status (doc/http-grpc-status-mapping.md).</summary>
    private static StatusCode MapHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
