namespace CustomerView.Grpc.Server;

/// <summary>One gRPC listening endpoint, bindable from configuration.</summary>
public sealed record GrpcEndpointOptions
{
    /// <summary>The IP address to bind, e.g. 0.0.0.0 or 127.0.0.1.</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>The TCP port.</summary>
    public int Port { get; init; }

    /// <summary>A PKCS#12 certificate file for TLS; empty for h2c (plain HTTP/2).</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The certificate file's password.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>Whose HTTP/2 serves the endpoint: CustomerView's own connection loop (the default) or Kestrel's.</summary>
    public GrpcHttp2Server Http2Server { get; init; } = GrpcHttp2Server.CustomerView;
}
