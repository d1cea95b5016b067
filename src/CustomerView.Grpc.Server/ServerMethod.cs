using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;

namespace CustomerView.Grpc.Server;

/// <summary>One registered method: validates the request, sets up the call, runs the interceptor pipeline.</summary>
internal abstract class ServerMethod
{
    private const long KestrelDefaultMaxRequestBodySize = 30_000_000;
    private static readonly StringValues InternalStatus = new("13");
    private static readonly StringValues UnimplementedStatus = new("12");
    private static readonly StringValues UnavailableStatus = new("14");

    private readonly bool _streamingRequest;
    private GrpcCallHandler _pipeline;

    protected ServerMethod(string fullName, ServerRuntime runtime, bool streamingRequest)
    {
        FullName = fullName;
        Runtime = runtime;
        _streamingRequest = streamingRequest;
        _pipeline = InvokeAsync;
    }

    public string FullName { get; }

    protected ServerRuntime Runtime { get; }

    /// <summary>Wraps the method in interceptors, outermost first.</summary>
    public void UseInterceptors(IReadOnlyList<IGrpcInterceptor> interceptors)
    {
        GrpcCallHandler pipeline = InvokeAsync;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = pipeline;
            pipeline = context => interceptor.InvokeAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public Task HandleAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Refuse(httpContext, StatusCodes.Status426UpgradeRequired, InternalStatus, $"Request protocol '{request.Protocol}' is not supported.");
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            Refuse(httpContext, StatusCodes.Status405MethodNotAllowed, UnimplementedStatus, $"Request method '{request.Method}' is not supported.");
            return Task.CompletedTask;
        }

        var contentType = request.ContentType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            Refuse(httpContext, StatusCodes.Status415UnsupportedMediaType, InternalStatus, $"Content-Type '{contentType}' is not supported.");
            return Task.CompletedTask;
        }

        if (Runtime.IsShuttingDown)
        {
            Refuse(httpContext, StatusCodes.Status200OK, UnavailableStatus, GrpcStatuses.ShuttingDown.Detail);
            return Task.CompletedTask;
        }

        var headers = request.Headers;
        string? requestEncoding = null;
        var encodingHeader = headers.GrpcEncoding;
        if (encodingHeader.Count > 0)
        {
            var encoding = encodingHeader.ToString();
            if (encoding == GrpcProtocol.IdentityEncoding)
            {
                requestEncoding = GrpcProtocol.IdentityEncoding;
            }
            else if (encoding == GrpcProtocol.GzipEncoding)
            {
                requestEncoding = GrpcProtocol.GzipEncoding;
            }
            else
            {
                httpContext.Response.Headers.GrpcAcceptEncoding = ServerRuntime.AcceptEncodingValue;
                Refuse(httpContext, StatusCodes.Status200OK, UnimplementedStatus, GrpcStatuses.UnsupportedEncoding(encoding).Detail);
                return Task.CompletedTask;
            }
        }

        var responseEncoding = ChooseResponseEncoding(headers);
        var call = new ServerCallContext(httpContext, Runtime, FullName, requestEncoding, responseEncoding);
        var timeoutHeader = headers.GrpcTimeout;
        if (timeoutHeader.Count > 0)
        {
            var value = timeoutHeader.ToString();
            if (GrpcTimeout.TryParse(value, out var timeout))
            {
                call.StartDeadline(timeout);
            }
            else
            {
                ServerLog.InvalidTimeout(Runtime.Logger, value);
            }
        }

        if (_streamingRequest || Runtime.Options.MaxReceiveMessageSize > KestrelDefaultMaxRequestBodySize - GrpcProtocol.MessageHeaderSize)
        {
            RelaxBodyLimits(httpContext);
        }

        var responseHeaders = httpContext.Response.Headers;
        responseHeaders.ContentType = ServerRuntime.ContentTypeValue;
        responseHeaders.GrpcAcceptEncoding = ServerRuntime.AcceptEncodingValue;
        if (responseEncoding is not null)
        {
            responseHeaders.GrpcEncoding = ServerRuntime.GzipValue;
        }

        return RunAsync(call);
    }

    /// <summary>The innermost step: read the request, run the handler, write the response.</summary>
    protected abstract ValueTask InvokeAsync(ServerCallContext call);

    /// <summary>
    /// Runs the pipeline and ends the call. A call without a deadline whose pipeline completed at once (a unary call
    /// with a small request and a synchronous handler) ends at once too, without an async state machine.
    /// </summary>
    private Task RunAsync(ServerCallContext call)
    {
        ValueTask pipeline;
        try
        {
            pipeline = _pipeline(call);
        }
        catch (Exception ex)
        {
            pipeline = ValueTask.FromException(ex);
        }

        if (!pipeline.IsCompletedSuccessfully || call.HasDeadline)
        {
            return RunWaitingAsync(call, pipeline);
        }

        try
        {
            pipeline.GetAwaiter().GetResult();
            call.Complete();
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return FailAsync(call, ex);
        }
    }

    private static async Task RunWaitingAsync(ServerCallContext call, ValueTask pipeline)
    {
        try
        {
            await pipeline.ConfigureAwait(false);
            await call.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await call.ProcessExceptionAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            await call.EndAsync().ConfigureAwait(false);
        }
    }

    private static async Task FailAsync(ServerCallContext call, Exception exception)
    {
        try
        {
            await call.ProcessExceptionAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            await call.EndAsync().ConfigureAwait(false);
        }
    }

    private string? ChooseResponseEncoding(IHeaderDictionary headers)
    {
        if (Runtime.Options.ResponseCompression != GrpcProtocol.GzipEncoding)
        {
            return null;
        }

        foreach (var value in headers.GrpcAcceptEncoding)
        {
            if (value is not null && value.Contains(GrpcProtocol.GzipEncoding, StringComparison.Ordinal))
            {
                return GrpcProtocol.GzipEncoding;
            }
        }

        return null;
    }

    private static void RelaxBodyLimits(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    private void Refuse(HttpContext httpContext, int httpStatus, StringValues grpcStatus, string message)
    {
        ServerLog.CallRefused(Runtime.Logger, FullName, message);
        var response = httpContext.Response;
        response.StatusCode = httpStatus;
        response.Headers.ContentType = ServerRuntime.ContentTypeValue;
        response.Headers.GrpcStatus = grpcStatus;
        response.Headers.GrpcMessage = PercentEncoding.Encode(message);
    }
}
