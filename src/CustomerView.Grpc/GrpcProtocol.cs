namespace CustomerView.Grpc;

/// <summary>Header names and constant values of the gRPC-over-HTTP/2 protocol.</summary>
public static class GrpcProtocol
{
    /// <summary>The gRPC content type.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>The gRPC content type with the protobuf subtype.</summary>
    public const string ContentTypeProto = "application/grpc+proto";

    /// <summary>The status trailer (or Trailers-Only header).</summary>
    public const string StatusHeader = "grpc-status";

    /// <summary>The percent-encoded status message.</summary>
    public const string MessageHeader = "grpc-message";

    /// <summary>The deadline header.</summary>
    public const string TimeoutHeader = "grpc-timeout";

    /// <summary>The message encoding of this side's compressed messages.</summary>
    public const string EncodingHeader = "grpc-encoding";

    /// <summary>The message encodings this side accepts.</summary>
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>The identity (uncompressed) encoding.</summary>
    public const string IdentityEncoding = "identity";

    /// <summary>Whether <paramref name="encoding"/> means no compression: null or identity.</summary>
    /// <param name="encoding">A grpc-encoding value, or null.</param>
    /// <returns>True for none.</returns>
    public static bool IsIdentity(string? encoding) =>
        encoding is null || ReferenceEquals(encoding, IdentityEncoding) || encoding == IdentityEncoding;

    /// <summary>The gzip encoding.</summary>
    public const string GzipEncoding = "gzip";

    /// <summary>The encodings this implementation supports, as sent in grpc-accept-encoding.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>The default maximum size of a received message: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The size of a message's length prefix: a compressed flag and a 4-byte big-endian length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Whether a content-type value is gRPC (application/grpc or application/grpc+proto, parameters allowed).</summary>
    /// <param name="contentType">The content-type header value.</param>
    /// <returns>True for a gRPC content type.</returns>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        if (string.Equals(contentType, ContentType, StringComparison.Ordinal))
        {
            return true;
        }

        if (!contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var semicolon = rest.IndexOf(';');
        var subtype = (semicolon >= 0 ? rest[..semicolon] : rest).Trim();
        return subtype.IsEmpty || subtype.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a header name is reserved by the protocol rather than custom metadata.</summary>
    /// <param name="name">A lower-case header name.</param>
    /// <returns>True for pseudo-headers, transport headers and grpc-* headers.</returns>
    public static bool IsReservedHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(':')
            || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
            || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            || name.Equals("te", StringComparison.OrdinalIgnoreCase)
            || name.Equals("host", StringComparison.OrdinalIgnoreCase)
            || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
            || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);
    }
}
