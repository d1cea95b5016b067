namespace CustomerView.Grpc;

/// <summary>A call that ended with a non-OK status; thrown by clients and by handlers to fail a call.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception with the given status and no trailers.</summary>
    /// <param name="status">The status of the call.</param>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Creates an exception with the given status and trailers.</summary>
    /// <param name="status">The status of the call.</param>
    /// <param name="trailers">Trailing metadata sent (by a handler) or received (by a client).</param>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates an exception with the given status and trailers, caused by another exception.</summary>
    /// <param name="status">The status of the call.</param>
    /// <param name="trailers">Trailing metadata.</param>
    /// <param name="innerException">The cause.</param>
    public RpcException(Status status, Metadata trailers, Exception? innerException)
        : base(status.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates an exception with status UNKNOWN (for serializers and tooling).</summary>
    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    /// <summary>Creates an exception with status UNKNOWN and the given detail.</summary>
    /// <param name="message">The detail.</param>
    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message ?? string.Empty))
    {
    }

    /// <summary>Creates an exception with status UNKNOWN, the given detail and cause.</summary>
    /// <param name="message">The detail.</param>
    /// <param name="innerException">The cause.</param>
    public RpcException(string message, Exception? innerException)
        : this(new Status(StatusCode.Unknown, message ?? string.Empty), new Metadata(), innerException)
    {
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata.</summary>
    public Metadata Trailers { get; }
}
