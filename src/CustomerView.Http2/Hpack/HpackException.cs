namespace CustomerView.Http2.Hpack;

/// <summary>
/// A header block HPACK cannot decode (RFC 7541 §6, §5.2): a connection error of type COMPRESSION_ERROR in HTTP/2
/// (RFC 9113 §4.3), since the two ends' dynamic tables may no longer agree.
/// </summary>
public sealed class HpackException : Exception
{
    /// <summary>Creates the exception with a reason for the peer's GOAWAY and the log.</summary>
    public HpackException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a reason.</summary>
    public HpackException()
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public HpackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
