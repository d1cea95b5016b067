namespace CustomerView.Grpc.Server;

/// <summary>Server-wide gRPC settings.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted, in bytes (declared and decompressed); default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>The largest response message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Whether a handler exception's type and message go to the client in grpc-message. Development only: off, the
    /// client sees just "Exception was thrown by handler.".
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>The encoding for response messages (null or "identity" for none, "gzip"), used when the client accepts it.</summary>
    public string? ResponseCompression { get; set; }
}
