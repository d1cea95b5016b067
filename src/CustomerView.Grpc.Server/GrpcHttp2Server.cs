namespace CustomerView.Grpc.Server;

/// <summary>Which HTTP/2 implementation serves a gRPC endpoint's connections on Kestrel's transport.</summary>
public enum GrpcHttp2Server
{
    /// <summary>
    /// CustomerView's connection loop (CustomerView.Http2): a unary call whose handler completes synchronously is
    /// answered on the thread that read it, and answers are flushed once per read.
    /// </summary>
    CustomerView,

    /// <summary>Kestrel's own HTTP/2, which runs each request on its own work item.</summary>
    Kestrel,
}
