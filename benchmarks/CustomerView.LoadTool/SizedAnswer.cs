using CustomerView.Grpc;
using CustomerView.Grpc.Server;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CustomerView.LoadTool;

/// <summary>
/// The bench service's <c>Sized</c> method: a no-op whose answer is a <see cref="BytesValue"/> of a requested
/// serialized size, written from bytes serialized once per size, as GetProfile's cached views are. Asked for
/// GetProfile's answer size, it costs the server and the client everything GetProfile's answer does on the wire and
/// nothing of the profile's work.
/// </summary>
internal static class SizedAnswer
{
    /// <summary>The largest answer asked for; larger asks are refused.</summary>
    public const int MaxSize = 1 << 20;

    private static Answer? _last;

    /// <summary>The answer of <paramref name="size"/> serialized bytes (0, or 3 up to <see cref="MaxSize"/> but for the two sizes where the length's varint grows a byte, 130 and 16,387).</summary>
    public static ValueTask<SerializedMessage<BytesValue>> For(uint size)
    {
        var last = _last;
        if (last is null || last.Size != size)
        {
            last = _last = new Answer(size, Serialize(size));
        }

        return ValueTask.FromResult(new SerializedMessage<BytesValue>(last.Bytes));
    }

    /// <summary>The length of the value whose <see cref="BytesValue"/> serializes to <paramref name="size"/> bytes.</summary>
    public static int ValueLength(uint size)
    {
        if (size > MaxSize)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"size {size} is over {MaxSize}"));
        }

        if (size == 0)
        {
            return 0;
        }

        // One byte of tag, then the length's varint, then the value (an empty value is not written at all).
        for (var length = (int)size - 2; length > 0; length--)
        {
            if (1 + CodedOutputStream.ComputeLengthSize(length) + length == size)
            {
                return length;
            }
        }

        throw new RpcException(new Status(StatusCode.InvalidArgument, $"no bytes value serializes to {size} bytes"));
    }

    private static byte[] Serialize(uint size)
    {
        var bytes = new BytesValue { Value = ByteString.CopyFrom(new byte[ValueLength(size)]) }.ToByteArray();
        return bytes.Length == size ? bytes : throw new InvalidOperationException($"sized {bytes.Length}, asked {size}");
    }

    private sealed record Answer(uint Size, byte[] Bytes);
}
