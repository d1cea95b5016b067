using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CustomerView.Grpc;

/// <summary>
/// Length-prefixed message framing (PROTOCOL-HTTP2.md, Length-Prefixed-Message): a compressed flag byte, a 4-byte
/// big-endian length, then the message. Reads work on <see cref="ReadOnlySequence{T}"/> so that any split of DATA
/// frames is handled; writes go straight into an <see cref="IBufferWriter{T}"/>.
/// </summary>
public static class GrpcFraming
{
    private const int ContiguousWriteLimit = 4096 - GrpcProtocol.MessageHeaderSize;

    /// <summary>Tries to read one message from the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The received bytes; on <see cref="MessageReadOutcome.Message"/> it is advanced past the message.</param>
    /// <param name="maxMessageSize">The receive limit, checked against the declared length before the body is buffered.</param>
    /// <param name="payload">The message bytes (still compressed when <paramref name="compressed"/>).</param>
    /// <param name="compressed">The compressed flag.</param>
    /// <returns>The outcome; never throws.</returns>
    public static MessageReadOutcome TryReadFrame(
        ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return MessageReadOutcome.NeedMoreData;
        }

        byte flag;
        uint length;
        var first = buffer.FirstSpan;
        if (first.Length >= GrpcProtocol.MessageHeaderSize)
        {
            flag = first[0];
            length = BinaryPrimitives.ReadUInt32BigEndian(first[1..]);
        }
        else
        {
            Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
            buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
            flag = header[0];
            length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        }

        if (flag > 1)
        {
            return MessageReadOutcome.InvalidFlag;
        }

        if (length > (uint)maxMessageSize)
        {
            return MessageReadOutcome.TooLarge;
        }

        var total = GrpcProtocol.MessageHeaderSize + (long)length;
        if (buffer.Length < total)
        {
            return MessageReadOutcome.NeedMoreData;
        }

        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
        buffer = buffer.Slice(total);
        return MessageReadOutcome.Message;
    }

    /// <summary>Writes an uncompressed message with its prefix.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="message">The message.</param>
    /// <returns>The serialized message size (without the prefix).</returns>
    public static int WriteMessage(IBufferWriter<byte> output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size <= ContiguousWriteLimit)
        {
            var span = output.GetSpan(GrpcProtocol.MessageHeaderSize + size);
            WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(GrpcProtocol.MessageHeaderSize, size));
            output.Advance(GrpcProtocol.MessageHeaderSize + size);
        }
        else
        {
            WriteHeader(output.GetSpan(GrpcProtocol.MessageHeaderSize), compressed: false, size);
            output.Advance(GrpcProtocol.MessageHeaderSize);
            message.WriteTo(output);
        }

        return size;
    }

    /// <summary>Writes a message with its prefix, gzip-compressed when <paramref name="encoding"/> is gzip.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="message">The message.</param>
    /// <param name="encoding">null or identity for none, or gzip.</param>
    /// <returns>The serialized message size before compression.</returns>
    public static int WriteMessage(IBufferWriter<byte> output, IMessage message, string? encoding)
    {
        if (GrpcProtocol.IsIdentity(encoding))
        {
            return WriteMessage(output, message);
        }

        return WriteCompressed(output, message);
    }

    /// <summary>
    /// Writes an already serialized message with its prefix, gzip-compressed when <paramref name="encoding"/> is gzip;
    /// the bytes are copied as they are, never parsed.
    /// </summary>
    /// <param name="output">The destination.</param>
    /// <param name="message">The serialized message.</param>
    /// <param name="encoding">null or identity for none, or gzip.</param>
    public static void WriteSerializedMessage(IBufferWriter<byte> output, ReadOnlySpan<byte> message, string? encoding)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!GrpcProtocol.IsIdentity(encoding))
        {
            var compressed = GzipCodec.Compress(message);
            WriteHeader(output.GetSpan(GrpcProtocol.MessageHeaderSize), compressed: true, compressed.Length);
            output.Advance(GrpcProtocol.MessageHeaderSize);
            output.Write(compressed);
            return;
        }

        if (message.Length <= ContiguousWriteLimit)
        {
            var span = output.GetSpan(GrpcProtocol.MessageHeaderSize + message.Length);
            WriteHeader(span, compressed: false, message.Length);
            message.CopyTo(span[GrpcProtocol.MessageHeaderSize..]);
            output.Advance(GrpcProtocol.MessageHeaderSize + message.Length);
            return;
        }

        WriteHeader(output.GetSpan(GrpcProtocol.MessageHeaderSize), compressed: false, message.Length);
        output.Advance(GrpcProtocol.MessageHeaderSize);
        output.Write(message);
    }

    /// <summary>Writes the 5-byte prefix.</summary>
    /// <param name="destination">At least five bytes.</param>
    /// <param name="compressed">The compressed flag.</param>
    /// <param name="length">The message length.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    private static int WriteCompressed(IBufferWriter<byte> output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            var compressed = GzipCodec.Compress(plain.AsSpan(0, size));
            var span = output.GetSpan(GrpcProtocol.MessageHeaderSize);
            WriteHeader(span, compressed: true, compressed.Length);
            output.Advance(GrpcProtocol.MessageHeaderSize);
            output.Write(compressed);
            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }
}
