using CustomerView.Grpc.Server;
using Microsoft.Extensions.Logging;

namespace CustomerView.Api;

/// <summary>
/// Who is calling: the one place a call's caller is known. Resolved once per call by <see cref="CallerInterceptor"/>
/// from request metadata; roles, field masking and access audit build on it.
/// </summary>
/// <param name="Id">The staff member, agent or system, e.g. "teller-0042" or "mobile-backend"; "anonymous" when not given.</param>
/// <param name="Role">The caller's role, e.g. "teller", "agent", "app-backend"; empty when not given.</param>
/// <param name="Application">The calling application, from the user agent.</param>
public sealed record Caller(string Id, string Role, string Application)
{
    /// <summary>Metadata key naming the caller.</summary>
    public const string IdHeader = "x-cv-caller";

    /// <summary>Metadata key naming the caller's role.</summary>
    public const string RoleHeader = "x-cv-role";

    /// <summary>The caller of <paramref name="context"/>'s call.</summary>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserState is Caller caller)
        {
            return caller;
        }

        caller = Resolve(context);
        context.UserState = caller;
        return caller;
    }

    private static Caller Resolve(ServerCallContext context)
    {
        var headers = context.HttpContext.Request.Headers;
        var id = headers[IdHeader].ToString();
        var role = headers[RoleHeader].ToString();
        var agent = headers.UserAgent.ToString();

        // A connection's repeated field values are the same strings on every call (the HTTP/2 server keeps them), and a
        // thread serves a few connections: the caller it resolved last is most often this one.
        if (_lastResolved is { } last && ReferenceEquals(last.RawId, id) && ReferenceEquals(last.RawRole, role) && ReferenceEquals(last.RawAgent, agent))
        {
            return last.Caller;
        }

        var caller = new Caller(id.Length is > 0 and <= 128 ? id : "anonymous", role.Length <= 64 ? role : string.Empty, agent.Length <= 256 ? agent : string.Empty);
        _lastResolved = new Resolved(id, role, agent, caller);
        return caller;
    }

    /// <summary>The caller this thread resolved last, with the field values it came from.</summary>
    [ThreadStatic]
    private static Resolved? _lastResolved;

    private sealed record Resolved(string RawId, string RawRole, string RawAgent, Caller Caller);
}

/// <summary>Records who read which customer.</summary>
public interface IAccessAudit
{
    /// <summary>Records that <paramref name="caller"/> read <paramref name="customerId"/> through <paramref name="method"/>.</summary>
    void Read(Caller caller, string method, string customerId);
}

/// <summary>An access audit that writes one structured log line per read (category "CustomerView.Audit").</summary>
public sealed partial class LoggingAccessAudit(ILoggerFactory loggers) : IAccessAudit
{
    private readonly ILogger _logger = loggers.CreateLogger("CustomerView.Audit");

    /// <inheritdoc />
    public void Read(Caller caller, string method, string customerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Logged(_logger, caller.Id, caller.Role, method, customerId);
    }

    [LoggerMessage(1, LogLevel.Debug, "{CallerId} ({Role}) read {CustomerId} via {Method}")]
    private static partial void Logged(ILogger logger, string callerId, string role, string method, string customerId);
}

/// <summary>Resolves the caller of every call before it runs, so every method sees the same <see cref="Caller"/>.</summary>
public sealed class CallerInterceptor : IGrpcInterceptor
{
    /// <inheritdoc />
    public ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Caller.Of(context);
        return next(context);
    }
}
