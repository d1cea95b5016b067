using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CustomerView.Grpc.Server;

/// <summary>What every call of one server shares: options, logger, registry, interceptors and the shutdown flag.</summary>
internal sealed class ServerRuntime(IOptions<GrpcServerOptions> options, ILogger<ServerRuntime> logger)
{
    public static readonly StringValues ContentTypeValue = new(GrpcProtocol.ContentType);
    public static readonly StringValues AcceptEncodingValue = new(GrpcProtocol.SupportedEncodings);
    public static readonly StringValues GzipValue = new(GrpcProtocol.GzipEncoding);
    private static readonly StringValues UnimplementedStatus = new("12");

    private volatile bool _shuttingDown;

    public GrpcServerOptions Options { get; } = options.Value;

    public ILogger Logger { get; } = logger;

    public GrpcMethodRegistry Registry { get; } = new();

    public bool IsShuttingDown => _shuttingDown;

    public void BeginShutdown() => _shuttingDown = true;

    /// <summary>Routes a request: a registered method, UNIMPLEMENTED for other gRPC requests, else the next middleware.</summary>
    public Task DispatchAsync(HttpContext httpContext, RequestDelegate next)
    {
        var path = httpContext.Request.Path.Value;
        if (path is not null && Registry.TryGetMethod(path, out var method))
        {
            return method.HandleAsync(httpContext);
        }

        if (HttpMethods.IsPost(httpContext.Request.Method) && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType))
        {
            WriteUnimplemented(httpContext, path ?? string.Empty);
            return Task.CompletedTask;
        }

        return next(httpContext);
    }

    private void WriteUnimplemented(HttpContext httpContext, string path)
    {
        var status = Registry.HasService(path) ? GrpcStatuses.MethodUnimplemented : GrpcStatuses.ServiceUnimplemented;
        ServerLog.CallRefused(Logger, path, status.Detail);
        var headers = httpContext.Response.Headers;
        headers.ContentType = ContentTypeValue;
        headers.GrpcStatus = UnimplementedStatus;
        headers.GrpcMessage = status.Detail;
    }
}
