namespace CustomerView.Grpc.Client;

/// <summary>A unary call's response with its metadata.</summary>
/// <typeparam name="TResponse">The response type.</typeparam>
/// <param name="Message">The response message.</param>
/// <param name="Headers">The response headers' custom metadata.</param>
/// <param name="Trailers">The trailing metadata.</param>
public sealed record UnaryResponse<TResponse>(TResponse Message, Metadata Headers, Metadata Trailers);
