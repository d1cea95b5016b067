using Microsoft.Extensions.Logging;

namespace CustomerView.Grpc.Server;

/// <summary>Source-generated log messages of the gRPC server.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void HandlerException(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Call '{Method}' ended with status {StatusCode}: '{Detail}'.")]
    public static partial void RpcError(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(3, LogLevel.Debug, "Deadline of call '{Method}' exceeded.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Debug, "Call '{Method}' was cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(5, LogLevel.Debug, "Call '{Method}' failed after its status was sent.")]
    public static partial void ErrorAfterCompletion(ILogger logger, string method, Exception exception);

    [LoggerMessage(6, LogLevel.Debug, "Ignoring invalid grpc-timeout value '{Value}'.")]
    public static partial void InvalidTimeout(ILogger logger, string value);

    [LoggerMessage(7, LogLevel.Information, "Call to '{Path}' refused: {Reason}.")]
    public static partial void CallRefused(ILogger logger, string path, string reason);

    [LoggerMessage(8, LogLevel.Debug, "Health watch of '{Service}' ended.")]
    public static partial void HealthWatchEnded(ILogger logger, string service);
}
