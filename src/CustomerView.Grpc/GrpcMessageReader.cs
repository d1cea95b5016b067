using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using Google.Protobuf;

namespace CustomerView.Grpc;

/// <summary>Reads length-prefixed messages from a <see cref="PipeReader"/>, correct across any split of the bytes.</summary>
public static class GrpcMessageReader
{
    /// <summary>Reads the next message of a stream.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The body.</param>
    /// <param name="parser">The generated parser.</param>
    /// <param name="options">The peer's encoding and the receive limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or null at the clean end of the stream.</returns>
    /// <exception cref="RpcException">The bytes break the protocol or the limit.</exception>
    public static async ValueTask<T?> ReadMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, MessageReadOptions options, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = false;
            try
            {
                if (result.IsCanceled)
                {
                    throw new RpcException(GrpcStatuses.MessageCancelled);
                }

                var outcome = GrpcFraming.TryReadFrame(ref buffer, options.MaxMessageSize, out var payload, out var compressed);
                if (outcome == MessageReadOutcome.Message)
                {
                    consumed = true;
                    return Parse(parser, payload, compressed, options);
                }

                ThrowIfInvalid(outcome);
                if (result.IsCompleted)
                {
                    if (buffer.IsEmpty)
                    {
                        return null;
                    }

                    throw new RpcException(GrpcStatuses.IncompleteMessage);
                }
            }
            finally
            {
                if (consumed)
                {
                    reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    /// <summary>Reads exactly one message and the end of the stream (a unary or server-streaming request).</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The body.</param>
    /// <param name="parser">The generated parser.</param>
    /// <param name="options">The peer's encoding and the receive limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message.</returns>
    /// <exception cref="RpcException">No message, more than one, or the bytes break the protocol or the limit.</exception>
    public static async ValueTask<T> ReadSingleMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, MessageReadOptions options, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        T? message = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (result.IsCanceled)
                {
                    throw new RpcException(GrpcStatuses.MessageCancelled);
                }

                if (!buffer.IsEmpty)
                {
                    if (message is not null)
                    {
                        throw new RpcException(GrpcStatuses.AdditionalData);
                    }

                    var outcome = GrpcFraming.TryReadFrame(ref buffer, options.MaxMessageSize, out var payload, out var compressed);
                    if (outcome == MessageReadOutcome.Message)
                    {
                        message = Parse(parser, payload, compressed, options);
                    }
                    else
                    {
                        ThrowIfInvalid(outcome);
                    }
                }

                if (result.IsCompleted)
                {
                    if (message is null)
                    {
                        throw new RpcException(GrpcStatuses.IncompleteMessage);
                    }

                    if (!buffer.IsEmpty)
                    {
                        throw new RpcException(GrpcStatuses.AdditionalData);
                    }

                    return message;
                }
            }
            finally
            {
                if (message is not null)
                {
                    reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    /// <summary>
    /// Reads a unary or server-streaming request without waiting, when the whole request (exactly one valid message,
    /// then the end of the stream) has already arrived. Anything else is left unconsumed, and the caller goes on with
    /// <see cref="ReadSingleMessageAsync{T}"/>, which waits, and reports errors, as usual.
    /// </summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The body.</param>
    /// <param name="parser">The generated parser.</param>
    /// <param name="options">The peer's encoding and the receive limit.</param>
    /// <param name="message">The message, when the result is true.</param>
    /// <returns>True when the request was read whole.</returns>
    /// <exception cref="RpcException">The message's bytes do not parse or decompress.</exception>
    public static bool TryReadSingleMessage<T>(PipeReader reader, MessageParser<T> parser, MessageReadOptions options, [NotNullWhen(true)] out T? message)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        message = null;
        if (!reader.TryRead(out var result))
        {
            return false;
        }

        var buffer = result.Buffer;
        var start = buffer.Start;
        if (result.IsCanceled
            || !result.IsCompleted
            || GrpcFraming.TryReadFrame(ref buffer, options.MaxMessageSize, out var payload, out var compressed) != MessageReadOutcome.Message
            || !buffer.IsEmpty)
        {
            // Neither consumed nor examined: the waiting read starts from the very same bytes, at once.
            reader.AdvanceTo(start);
            return false;
        }

        try
        {
            message = Parse(parser, payload, compressed, options);
        }
        finally
        {
            reader.AdvanceTo(buffer.End);
        }

        return true;
    }

    private static void ThrowIfInvalid(MessageReadOutcome outcome)
    {
        if (outcome == MessageReadOutcome.TooLarge)
        {
            throw new RpcException(GrpcStatuses.ReceivedMessageTooLarge);
        }

        if (outcome == MessageReadOutcome.InvalidFlag)
        {
            throw new RpcException(GrpcStatuses.InvalidCompressedFlag);
        }
    }

    private static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, bool compressed, MessageReadOptions options)
        where T : IMessage<T>
    {
        if (!compressed)
        {
            try
            {
                return parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(GrpcStatuses.DeserializationFailed, new Metadata(), ex);
            }
        }

        if (options.Encoding is null)
        {
            throw new RpcException(GrpcStatuses.CompressedWithoutEncoding);
        }

        if (options.Encoding == GrpcProtocol.IdentityEncoding)
        {
            throw new RpcException(GrpcStatuses.CompressedWithIdentity);
        }

        if (options.Encoding != GrpcProtocol.GzipEncoding)
        {
            throw new RpcException(GrpcStatuses.UnsupportedEncoding(options.Encoding));
        }

        byte[] buffer;
        int length;
        try
        {
            if (!GzipCodec.TryDecompress(payload, options.MaxMessageSize, out buffer, out length))
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new RpcException(GrpcStatuses.ReceivedMessageTooLarge);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(GrpcStatuses.DecompressionFailed, new Metadata(), ex);
        }

        try
        {
            return parser.ParseFrom(buffer, 0, length);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(GrpcStatuses.DeserializationFailed, new Metadata(), ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
