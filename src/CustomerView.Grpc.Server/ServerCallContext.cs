using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace CustomerView.Grpc.Server;

/// <summary>One server call: its method, deadline, cancellation, metadata and the HTTP/2 exchange under it.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The server disposes the deadline resources when the call ends; handlers never own the context.")]
public sealed partial class ServerCallContext
{
    private readonly ServerRuntime _runtime;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private CancellationToken? _deadlineToken;
    private CancellationToken _requestAborted;
    private bool _requestAbortedRead;

    internal ServerCallContext(HttpContext httpContext, ServerRuntime runtime, string method, string? requestEncoding, string? responseEncoding)
    {
        HttpContext = httpContext;
        _runtime = runtime;
        Method = method;
        RequestEncoding = requestEncoding;
        ResponseEncoding = responseEncoding;
    }

    /// <summary>The full method path, /package.Service/Method.</summary>
    public string Method { get; }

    /// <summary>The call's deadline (UTC), or <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline { get; private set; } = DateTime.MaxValue;

    /// <summary>Cancelled when the client cancels (RST_STREAM), the connection drops, or the deadline passes.</summary>
    public CancellationToken CancellationToken => _deadlineToken ?? RequestAborted;

    /// <summary>The underlying HTTP exchange.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The client's address, as ipv4:a.b.c.d:port or ipv6:[...]:port.</summary>
    public string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            if (connection.RemoteIpAddress is not { } address)
            {
                return "unknown";
            }

            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6:[" + address + "]" : "ipv4:" + address;
            return family + ":" + connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Custom request metadata (reserved and pseudo headers excluded; -bin values decoded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromHeaders(HttpContext.Request.Headers);

    /// <summary>Custom trailing metadata sent with the status.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>A status to end the call with when the handler returns normally; OK by default.</summary>
    public Status Status { get; set; } = Status.Ok;

    /// <summary>
    /// State resolved once per call for the handlers after it (the API keeps who is calling here); null until set. A
    /// field of the call, so keeping it allocates nothing more (<c>HttpContext.Items</c> would allocate a feature, a
    /// dictionary and its entries on every call).
    /// </summary>
    public object? UserState { get; set; }

    internal string? RequestEncoding { get; }

    internal string? ResponseEncoding { get; }

    internal MessageReadOptions ReadOptions => new(_runtime.Options.MaxReceiveMessageSize, RequestEncoding);

    /// <summary>
    /// Whether the deadline ended the call. Read from the token, which is cancelled before any of its callbacks run:
    /// callbacks run newest first, so a handler's own callback can fail the call before the server's has run.
    /// </summary>
    internal bool DeadlineExpired => _deadlineToken is { IsCancellationRequested: true } && !RequestAborted.IsCancellationRequested;

    /// <summary>
    /// Cancelled when the client cancels or the connection drops (not by the deadline). Read from Kestrel once, and
    /// only when needed: every read there takes a lock, and the first one creates a token source.
    /// </summary>
    internal CancellationToken RequestAborted
    {
        get
        {
            if (!Volatile.Read(ref _requestAbortedRead))
            {
                _requestAborted = HttpContext.RequestAborted;
                Volatile.Write(ref _requestAbortedRead, true);
            }

            return _requestAborted;
        }
    }

    /// <summary>Sends response headers with custom metadata now, before any message.</summary>
    /// <param name="headers">The metadata to send.</param>
    /// <returns>Completes when the headers are flushed.</returns>
    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var gate = _writeLock;
        if (gate is not null)
        {
            await gate.WaitAsync(CancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (_responseStarted || _completed)
            {
                throw new InvalidOperationException("Response headers can only be sent once, before any message.");
            }

            MetadataHeaders.AppendTo(HttpContext.Response.Headers, headers);
            _responseStarted = true;
            await HttpContext.Response.StartAsync(CancellationToken).ConfigureAwait(false);
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }
}
