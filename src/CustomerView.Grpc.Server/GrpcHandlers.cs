using Google.Protobuf;

namespace CustomerView.Grpc.Server;

/// <summary>Handles a unary call.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="request">The request.</param>
/// <param name="context">The call.</param>
/// <returns>The response.</returns>
public delegate Task<TResponse> UnaryHandler<in TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>
/// Handles a unary call whose response is already serialized (see <see cref="SerializedMessage{T}"/>). Completing
/// synchronously keeps the call free of any await.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="request">The request.</param>
/// <param name="context">The call.</param>
/// <returns>The serialized response.</returns>
public delegate ValueTask<SerializedMessage<TResponse>> SerializedUnaryHandler<in TRequest, TResponse>(TRequest request, ServerCallContext context)
    where TResponse : class, IMessage<TResponse>;

/// <summary>Handles a server-streaming call.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="request">The request.</param>
/// <param name="responseStream">Writes response messages.</param>
/// <param name="context">The call.</param>
/// <returns>Completes when the stream is done.</returns>
public delegate Task ServerStreamingHandler<in TRequest, out TResponse>(
    TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Handles a client-streaming call.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="requestStream">The request messages.</param>
/// <param name="context">The call.</param>
/// <returns>The response.</returns>
public delegate Task<TResponse> ClientStreamingHandler<in TRequest, TResponse>(
    IAsyncEnumerable<TRequest> requestStream, ServerCallContext context);

/// <summary>Handles a bidirectional-streaming call.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="requestStream">The request messages.</param>
/// <param name="responseStream">Writes response messages.</param>
/// <param name="context">The call.</param>
/// <returns>Completes when the stream is done.</returns>
public delegate Task DuplexStreamingHandler<in TRequest, out TResponse>(
    IAsyncEnumerable<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>The rest of a call's pipeline, as seen by an interceptor.</summary>
/// <param name="context">The call.</param>
/// <returns>Completes when the method (and any inner interceptors) are done.</returns>
public delegate ValueTask GrpcCallHandler(ServerCallContext context);

/// <summary>Writes response messages of a streaming call.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message and flushes it; not to be called concurrently.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when the message is handed to the transport.</returns>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>
/// Wraps every gRPC method in one place (authentication, logging, metrics). Register with
/// <c>services.AddSingleton&lt;IGrpcInterceptor, T&gt;()</c>; they run in registration order, outermost first.
/// Throw <see cref="RpcException"/> to fail a call.
/// </summary>
public interface IGrpcInterceptor
{
    /// <summary>Runs around the call.</summary>
    /// <param name="context">The call.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>Completes when the call is done.</returns>
    ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next);
}
