using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CustomerView.Grpc.Server;

/// <summary>
/// A unary method: reads the single request, runs the handler and writes its result. Without any await when the whole
/// request has arrived and the handler completes at once (the common case of a small request); otherwise, or when the
/// deadline has already passed, the waiting path.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResult">What the handler answers: a message, or its serialized bytes.</typeparam>
internal abstract class UnaryMethod<TRequest, TResult>(string fullName, ServerRuntime runtime, MessageParser<TRequest> parser)
    : ServerMethod(fullName, runtime, streamingRequest: false)
    where TRequest : class, IMessage<TRequest>
{
    protected override ValueTask InvokeAsync(ServerCallContext call)
    {
        try
        {
            // Like the waiting read, an expired deadline fails the read; a client that has gone is left to Kestrel.
            if ((call.HasDeadline && call.CancellationToken.IsCancellationRequested)
                || !GrpcMessageReader.TryReadSingleMessage(call.HttpContext.Request.BodyReader, parser, call.ReadOptions, out var request))
            {
                return InvokeWaitingAsync(call);
            }

            var handling = Handle(request, call);
            return handling.IsCompletedSuccessfully
                ? Write(call, handling.Result)
                : WriteResponseAsync(handling, call);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    /// <summary>Runs the handler.</summary>
    protected abstract ValueTask<TResult> Handle(TRequest request, ServerCallContext call);

    /// <summary>Writes the handler's result as the call's response.</summary>
    protected abstract ValueTask Write(ServerCallContext call, TResult result);

    private async ValueTask WriteResponseAsync(ValueTask<TResult> handling, ServerCallContext call)
    {
        var result = await handling.ConfigureAwait(false);
        await Write(call, result).ConfigureAwait(false);
    }

    private async ValueTask InvokeWaitingAsync(ServerCallContext call)
    {
        var request = await GrpcMessageReader.ReadSingleMessageAsync(
            call.HttpContext.Request.BodyReader, parser, call.ReadOptions, call.CancellationToken).ConfigureAwait(false);
        var result = await Handle(request, call).ConfigureAwait(false);
        await Write(call, result).ConfigureAwait(false);
    }
}

internal sealed class UnaryServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, UnaryHandler<TRequest, TResponse> handler)
    : UnaryMethod<TRequest, TResponse>(fullName, runtime, parser)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override ValueTask<TResponse> Handle(TRequest request, ServerCallContext call) => new(handler(request, call));

    protected override ValueTask Write(ServerCallContext call, TResponse result) => call.WriteUnaryResponseAsync(result);
}

/// <summary>A unary method whose handler answers with the response's bytes, written as they are.</summary>
internal sealed class SerializedUnaryServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, SerializedUnaryHandler<TRequest, TResponse> handler)
    : UnaryMethod<TRequest, SerializedMessage<TResponse>>(fullName, runtime, parser)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override ValueTask<SerializedMessage<TResponse>> Handle(TRequest request, ServerCallContext call) => handler(request, call);

    protected override ValueTask Write(ServerCallContext call, SerializedMessage<TResponse> result) => call.WriteUnaryResponseAsync(result.Bytes);
}

internal sealed class ServerStreamingServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, ServerStreamingHandler<TRequest, TResponse> handler)
    : ServerMethod(fullName, runtime, streamingRequest: false)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCallContext call)
    {
        var request = await GrpcMessageReader.ReadSingleMessageAsync(
            call.HttpContext.Request.BodyReader, parser, call.ReadOptions, call.CancellationToken).ConfigureAwait(false);
        await handler(request, new ServerStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, ClientStreamingHandler<TRequest, TResponse> handler)
    : ServerMethod(fullName, runtime, streamingRequest: true)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCallContext call)
    {
        var response = await handler(RequestStream.Read(call, parser, call.CancellationToken), call).ConfigureAwait(false);
        await call.WriteUnaryResponseAsync(response).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, DuplexStreamingHandler<TRequest, TResponse> handler)
    : ServerMethod(fullName, runtime, streamingRequest: true)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCallContext call) =>
        await handler(RequestStream.Read(call, parser, call.CancellationToken), new ServerStreamWriter<TResponse>(call), call)
            .ConfigureAwait(false);
}

internal sealed class ServerStreamWriter<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteStreamMessageAsync(message, cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken);
}

internal static class RequestStream
{
    public static async IAsyncEnumerable<T> Read<T>(
        ServerCallContext call, MessageParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var reader = call.HttpContext.Request.BodyReader;
        while (true)
        {
            var message = await GrpcMessageReader.ReadMessageAsync(reader, parser, call.ReadOptions, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                yield break;
            }

            yield return message;
        }
    }
}
