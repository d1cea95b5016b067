using System.Buffers;
using CustomerView.Http2.Server;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;

namespace CustomerView.Grpc.Server;

public sealed partial class ServerCallContext
{
    private bool _responseStarted;
    private bool _completed;

    /// <summary>Writes the single response of a unary or client-streaming call, without flushing.</summary>
    internal ValueTask WriteUnaryResponseAsync(IMessage message)
    {
        if (_writeLock is null)
        {
            WriteMessageCore(message);
            return ValueTask.CompletedTask;
        }

        return WriteUnaryResponseLockedAsync(message);
    }

    /// <summary>Writes the single, already serialized response of a unary call, without flushing.</summary>
    internal ValueTask WriteUnaryResponseAsync(ReadOnlyMemory<byte> message)
    {
        if (_writeLock is null)
        {
            WriteSerializedCore(message);
            return ValueTask.CompletedTask;
        }

        return WriteSerializedLockedAsync(message);
    }

    /// <summary>Writes one message of a streaming response and flushes it.</summary>
    internal async Task WriteStreamMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        var gate = _writeLock;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            WriteMessageCore(message);
            var flush = await HttpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flush.IsCanceled || (!flush.IsCompleted && CancellationToken.IsCancellationRequested))
            {
                ThrowHelpers.ThrowCancelledWrite();
            }
        }
        finally
        {
            gate?.Release();
        }
    }

    private async ValueTask WriteUnaryResponseLockedAsync(IMessage message)
    {
        await _writeLock!.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            WriteMessageCore(message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask WriteSerializedLockedAsync(ReadOnlyMemory<byte> message)
    {
        await _writeLock!.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            WriteSerializedCore(message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteSerializedCore(ReadOnlyMemory<byte> message)
    {
        if (_completed)
        {
            ThrowHelpers.ThrowCallComplete();
        }

        if (_runtime.Options.MaxSendMessageSize is { } max && message.Length > max)
        {
            throw new RpcException(GrpcStatuses.SendingMessageTooLarge);
        }

        _responseStarted = true;
        var body = HttpContext.Response.BodyWriter;
        var encoding = ResponseEncoding;
        if (GrpcProtocol.IsIdentity(encoding)
            && HttpContext.Features.Get<IHttpResponseBodyFeature>() is IHttp2ResponseBodyReferenceFeature reference)
        {
            // CustomerView.Http2 frames the bytes from where they lie (the SerializedMessage's contract: they do not change).
            GrpcFraming.WriteHeader(body.GetSpan(GrpcProtocol.MessageHeaderSize), compressed: false, message.Length);
            body.Advance(GrpcProtocol.MessageHeaderSize);
            if (!reference.TryAppendReference(message))
            {
                body.Write(message.Span);
            }

            return;
        }

        GrpcFraming.WriteSerializedMessage(body, message.Span, encoding);
    }

    private void WriteMessageCore(IMessage message)
    {
        if (_completed)
        {
            ThrowHelpers.ThrowCallComplete();
        }

        if (message is null)
        {
            ThrowHelpers.ThrowNullMessage();
        }

        var limit = _runtime.Options.MaxSendMessageSize;
        if (limit is { } max && message.CalculateSize() > max)
        {
            throw new RpcException(GrpcStatuses.SendingMessageTooLarge);
        }

        _responseStarted = true;
        GrpcFraming.WriteMessage(HttpContext.Response.BodyWriter, message, ResponseEncoding);
    }
}
