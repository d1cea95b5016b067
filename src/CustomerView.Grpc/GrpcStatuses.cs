namespace CustomerView.Grpc;

/// <summary>The statuses this implementation produces, worded as Grpc.AspNetCore words them where it has one.</summary>
public static class GrpcStatuses
{
    /// <summary>A read was cancelled.</summary>
    public static Status MessageCancelled { get; } = new(StatusCode.Internal, "Incoming message cancelled.");

    /// <summary>A unary request carried more than one message.</summary>
    public static Status AdditionalData { get; } = new(StatusCode.Internal, "Additional data after the message received.");

    /// <summary>The stream ended inside a message, or a unary request carried none.</summary>
    public static Status IncompleteMessage { get; } = new(StatusCode.Internal, "Incomplete message.");

    /// <summary>A received message is over the receive limit.</summary>
    public static Status ReceivedMessageTooLarge { get; } =
        new(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");

    /// <summary>A message to send is over the send limit.</summary>
    public static Status SendingMessageTooLarge { get; } =
        new(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size.");

    /// <summary>A compressed message came without grpc-encoding.</summary>
    public static Status CompressedWithoutEncoding { get; } =
        new(StatusCode.Internal, "Request did not include grpc-encoding value with compressed message.");

    /// <summary>A compressed message came with grpc-encoding identity.</summary>
    public static Status CompressedWithIdentity { get; } =
        new(StatusCode.Internal, "Request sent 'identity' grpc-encoding value with compressed message.");

    /// <summary>The compressed flag byte was neither 0 nor 1.</summary>
    public static Status InvalidCompressedFlag { get; } =
        new(StatusCode.Internal, "Unexpected compressed flag value in message header.");

    /// <summary>A message's bytes are not the expected protobuf message.</summary>
    public static Status DeserializationFailed { get; } = new(StatusCode.Internal, "Failed to deserialize message.");

    /// <summary>A message's gzip stream is corrupt.</summary>
    public static Status DecompressionFailed { get; } = new(StatusCode.Internal, "Failed to decompress message.");

    /// <summary>A handler threw something other than <see cref="RpcException"/>.</summary>
    public static Status HandlerException { get; } = new(StatusCode.Unknown, "Exception was thrown by handler.");

    /// <summary>The deadline passed.</summary>
    public static Status DeadlineExceeded { get; } = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    /// <summary>The call was cancelled.</summary>
    public static Status Cancelled { get; } = new(StatusCode.Cancelled, "Call canceled by the client.");

    /// <summary>No service of that name is registered.</summary>
    public static Status ServiceUnimplemented { get; } = new(StatusCode.Unimplemented, "Service is unimplemented.");

    /// <summary>The service has no method of that name.</summary>
    public static Status MethodUnimplemented { get; } = new(StatusCode.Unimplemented, "Method is unimplemented.");

    /// <summary>The server is shutting down and takes no new calls.</summary>
    public static Status ShuttingDown { get; } = new(StatusCode.Unavailable, "Server is shutting down.");

    /// <summary>An unsupported grpc-encoding.</summary>
    /// <param name="encoding">The encoding received.</param>
    /// <returns>UNIMPLEMENTED listing the supported encodings.</returns>
    public static Status UnsupportedEncoding(string encoding) =>
        new(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: identity, gzip");
}
