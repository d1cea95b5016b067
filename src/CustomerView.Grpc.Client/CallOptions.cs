namespace CustomerView.Grpc.Client;

/// <summary>Per-call settings.</summary>
public readonly record struct CallOptions
{
    /// <summary>Custom request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>The time the call may take; sent as grpc-timeout and enforced locally.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the call (the stream is reset, the server's handler is cancelled).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Whether to gzip the request message.</summary>
    public bool CompressRequest { get; init; }
}
