using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CustomerView.Grpc.Server;

internal sealed class UnaryServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, UnaryHandler<TRequest, TResponse> handler)
    : ServerMethod(fullName, runtime, streamingRequest: false)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>
    /// Without any await when the whole request has arrived and the handler completes at once (the common case of a
    /// small request); otherwise, or when the deadline has already passed, the waiting path.
    /// </summary>
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

            var handling = handler(request, call);
            return handling.IsCompletedSuccessfully
                ? call.WriteUnaryResponseAsync(handling.Result)
                : WriteResponseAsync(handling, call);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    private static async ValueTask WriteResponseAsync(Task<TResponse> handling, ServerCallContext call)
    {
        var response = await handling.ConfigureAwait(false);
        await call.WriteUnaryResponseAsync(response).ConfigureAwait(false);
    }

    private async ValueTask InvokeWaitingAsync(ServerCallContext call)
    {
        var request = await GrpcMessageReader.ReadSingleMessageAsync(
            call.HttpContext.Request.BodyReader, parser, call.ReadOptions, call.CancellationToken).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        await call.WriteUnaryResponseAsync(response).ConfigureAwait(false);
    }
}

internal sealed class SerializedUnaryServerMethod<TRequest, TResponse>(
    string fullName, ServerRuntime runtime, MessageParser<TRequest> parser, SerializedUnaryHandler<TRequest, TResponse> handler)
    : ServerMethod(fullName, runtime, streamingRequest: false)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>As <see cref="UnaryServerMethod{TRequest, TResponse}"/>, writing the handler's bytes as they are.</summary>
    protected override ValueTask InvokeAsync(ServerCallContext call)
    {
        try
        {
            if ((call.HasDeadline && call.CancellationToken.IsCancellationRequested)
                || !GrpcMessageReader.TryReadSingleMessage(call.HttpContext.Request.BodyReader, parser, call.ReadOptions, out var request))
            {
                return InvokeWaitingAsync(call);
            }

            var handling = handler(request, call);
            return handling.IsCompletedSuccessfully
                ? call.WriteUnaryResponseAsync(handling.Result.Bytes)
                : WriteResponseAsync(handling, call);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    private static async ValueTask WriteResponseAsync(ValueTask<SerializedMessage<TResponse>> handling, ServerCallContext call)
    {
        var response = await handling.ConfigureAwait(false);
        await call.WriteUnaryResponseAsync(response.Bytes).ConfigureAwait(false);
    }

    private async ValueTask InvokeWaitingAsync(ServerCallContext call)
    {
        var request = await GrpcMessageReader.ReadSingleMessageAsync(
            call.HttpContext.Request.BodyReader, parser, call.ReadOptions, call.CancellationToken).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        await call.WriteUnaryResponseAsync(response.Bytes).ConfigureAwait(false);
    }
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
