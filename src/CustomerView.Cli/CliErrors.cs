using System.Net.Sockets;
using CustomerView.Grpc;

namespace CustomerView.Cli;

/// <summary>One-line messages for failed calls: the status code and its detail, or what went wrong reaching the server.</summary>
internal static class CliErrors
{
    public static string Describe(RpcException exception, Uri server)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = Names.ScreamingSnake(exception.StatusCode.ToString());
        if (exception.StatusCode == StatusCode.Unavailable && Find<SocketException>(exception) is { } socket)
        {
            var why = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "unreachable",
                _ => socket.SocketErrorCode.ToString(),
            };
            return $"{code}: cannot reach the CustomerView server at {server} ({why}). Is the node running? Point --server or ${CliCommands.ServerVariable} at it.";
        }

        if (exception.StatusCode == StatusCode.DeadlineExceeded)
        {
            return $"{code}: the CustomerView server at {server} did not answer in time.";
        }

        var detail = exception.Status.Detail;
        return string.IsNullOrWhiteSpace(detail) ? $"{code}: the call to {server} failed." : $"{code}: {OneLine(detail)}";
    }

    public static int ExitCodeOf(RpcException exception) =>
        exception?.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded ? ExitCodes.Unavailable : ExitCodes.Failed;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
