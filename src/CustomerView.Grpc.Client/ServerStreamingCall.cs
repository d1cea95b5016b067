using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CustomerView.Grpc.Client;

/// <summary>A server-streaming call in progress. Dispose it to cancel (the stream is reset).</summary>
/// <typeparam name="TResponse">The response type.</typeparam>
public sealed class ServerStreamingCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>
{
    private readonly ClientCall _call;
    private readonly Task<HttpResponseMessage> _responseTask;
    private readonly MessageParser<TResponse> _parser;
    private Status? _status;
    private Metadata? _trailers;

    internal ServerStreamingCall(ClientCall call, Task<HttpResponseMessage> responseTask, MessageParser<TResponse> parser)
    {
        _call = call;
        _responseTask = responseTask;
        _parser = parser;
    }

    /// <summary>The response headers' custom metadata.</summary>
    /// <returns>The metadata.</returns>
    public async Task<Metadata> GetResponseHeadersAsync()
    {
        try
        {
            var response = await _responseTask.ConfigureAwait(false);
            return GrpcChannel.ToMetadata(response.Headers);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw _call.Translate(ex);
        }
    }

    /// <summary>The final status, once <see cref="ReadAllAsync"/> has finished.</summary>
    /// <returns>The status.</returns>
    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished.");

    /// <summary>The trailing metadata, once <see cref="ReadAllAsync"/> has finished.</summary>
    /// <returns>The trailers.</returns>
    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished.");

    /// <summary>Reads every response message; throws <see cref="RpcException"/> when the call ends with a non-OK status.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages.</returns>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(static state => ((ClientCall)state!).Cancel(), _call);
        var (response, reader, options) = await OpenAsync().ConfigureAwait(false);
        while (true)
        {
            var message = await ReadNextAsync(reader, options).ConfigureAwait(false);
            if (message is null)
            {
                break;
            }

            yield return message;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        var status = ClientCall.ReadFinalStatus(response, out var trailers);
        _status = status;
        _trailers = trailers;
        if (status.Code != StatusCode.OK)
        {
            throw new RpcException(status, trailers);
        }
    }

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose()
    {
        if (_status is null)
        {
            _call.Cancel();
        }

        if (_responseTask.IsCompletedSuccessfully)
        {
            _responseTask.Result.Dispose();
        }

        _call.Dispose();
    }

    private async Task<(HttpResponseMessage Response, PipeReader Reader, MessageReadOptions Options)> OpenAsync()
    {
        try
        {
            var response = await _responseTask.ConfigureAwait(false);
            try
            {
                var reader = await _call.OpenResponseAsync(response).ConfigureAwait(false);
                return (response, reader, _call.ReadOptions(response));
            }
            catch (RpcException ex)
            {
                _status = ex.Status;
                _trailers = ex.Trailers;
                throw;
            }
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw _call.Translate(ex);
        }
    }

    private async Task<TResponse?> ReadNextAsync(PipeReader reader, MessageReadOptions options)
    {
        try
        {
            return await GrpcMessageReader.ReadMessageAsync(reader, _parser, options, _call.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Disposing the unfinished response resets the HTTP/2 stream, which cancels the server's handler.
            var error = ex as RpcException ?? _call.Translate(ex);
            _call.Cancel();
            _responseTask.Result.Dispose();
            throw error;
        }
    }
}
