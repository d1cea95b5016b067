using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Server;

/// <summary>A connection error (RFC 9113 §5.4.1): the connection ends with GOAWAY carrying the code and the reason.</summary>
internal sealed class Http2ConnectionException : Exception
{
    public Http2ConnectionException(Http2ErrorCode errorCode, string reason)
        : base(reason) => ErrorCode = errorCode;

    public Http2ConnectionException()
    {
    }

    public Http2ConnectionException(string message)
        : base(message)
    {
    }

    public Http2ConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error code GOAWAY carries.</summary>
    public Http2ErrorCode ErrorCode { get; } = Http2ErrorCode.ProtocolError;
}
