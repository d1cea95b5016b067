using CustomerView.Grpc.Server;
using CustomerView.Grpc.Tests.V1;
using Google.Protobuf;

namespace CustomerView.Grpc.Tests.Infrastructure;

/// <summary>The handlers of customerview.grpctest.v1.TestService.</summary>
public sealed class TestServiceHandlers(HandlerProbe probe)
{
    public void Map(GrpcServiceBuilder service) => service
        .MapUnary<TestRequest, TestResponse>("Echo", EchoAsync)
        .MapSerializedUnary<TestRequest, TestResponse>("EchoSerialized", EchoSerializedAsync)
        .MapUnary<TestRequest, TestResponse>("Fail", FailAsync)
        .MapUnary<TestRequest, TestResponse>("Throw", ThrowAsync)
        .MapUnary<TestRequest, TestResponse>("Sleep", SleepAsync)
        .MapUnary<TestRequest, TestResponse>("Abandon", AbandonAsync)
        .MapServerStreaming<TestRequest, TestResponse>("Stream", StreamAsync)
        .MapClientStreaming<TestRequest, TestResponse>("Join", JoinAsync)
        .MapDuplexStreaming<TestRequest, TestResponse>("Chat", ChatAsync);

    private static async Task<TestResponse> EchoAsync(TestRequest request, ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
            {
                echoed.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }

        if (echoed.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoed);
        }

        var payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload;
        return new TestResponse { Message = request.Message, Payload = payload };
    }

    private static ValueTask<SerializedMessage<TestResponse>> EchoSerializedAsync(TestRequest request, ServerCallContext context)
    {
        var payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload;
        var bytes = new TestResponse { Message = request.Message, Payload = payload }.ToByteArray();
        return request.DelayMs > 0
            ? DelayedAsync(bytes, request.DelayMs, context)
            : ValueTask.FromResult(new SerializedMessage<TestResponse>(bytes));

        static async ValueTask<SerializedMessage<TestResponse>> DelayedAsync(byte[] bytes, int delayMs, ServerCallContext context)
        {
            await Task.Delay(delayMs, context.CancellationToken);
            return new SerializedMessage<TestResponse>(bytes);
        }
    }

    private static Task<TestResponse> FailAsync(TestRequest request, ServerCallContext context)
    {
        var trailers = new Metadata { { "x-failure", "requested" } };
        throw new RpcException(new Status((StatusCode)request.StatusCode, request.StatusMessage), trailers);
    }

    private static Task<TestResponse> ThrowAsync(TestRequest request, ServerCallContext context) =>
        throw new InvalidOperationException("secret internal detail");

    private async Task<TestResponse> SleepAsync(TestRequest request, ServerCallContext context)
    {
        probe.Started.TrySetResult(context.Method);
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult(context.Method);
            throw;
        }

        probe.Finished.TrySetResult(context.Method);
        return new TestResponse { Message = request.Message };
    }

    /// <summary>
    /// Fails with cancellation synchronously inside the token's callback: callbacks run newest first, so the handler
    /// has failed before the server's own callback (registered when the deadline was armed) has run.
    /// </summary>
    private async Task<TestResponse> AbandonAsync(TestRequest request, ServerCallContext context)
    {
        var abandoned = new TaskCompletionSource();
        using (context.CancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), abandoned))
        {
            probe.Started.TrySetResult(context.Method);
            await abandoned.Task;
        }

        return new TestResponse();
    }

    private async Task StreamAsync(TestRequest request, IServerStreamWriter<TestResponse> responses, ServerCallContext context)
    {
        probe.Started.TrySetResult(context.Method);
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                if (request.DelayMs > 0)
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }

                await responses.WriteAsync(new TestResponse { Message = request.Message, Index = i });
                probe.MessageWritten();
            }
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult(context.Method);
            throw;
        }

        probe.Finished.TrySetResult(context.Method);
    }

    private static async Task<TestResponse> JoinAsync(IAsyncEnumerable<TestRequest> requests, ServerCallContext context)
    {
        var parts = new List<string>();
        await foreach (var request in requests)
        {
            parts.Add(request.Message);
        }

        return new TestResponse { Message = string.Join(",", parts), Index = parts.Count };
    }

    private static async Task ChatAsync(IAsyncEnumerable<TestRequest> requests, IServerStreamWriter<TestResponse> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests)
        {
            await responses.WriteAsync(new TestResponse { Message = request.Message, Index = index++ });
        }
    }
}
