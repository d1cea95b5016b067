namespace CustomerView.Grpc;

/// <summary>How to read a peer's messages.</summary>
/// <param name="MaxMessageSize">The receive limit in bytes, applied to declared and decompressed sizes.</param>
/// <param name="Encoding">The peer's grpc-encoding, or null when it sent none.</param>
public readonly record struct MessageReadOptions(int MaxMessageSize, string? Encoding);
