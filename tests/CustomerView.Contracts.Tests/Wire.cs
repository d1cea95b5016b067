using Google.Protobuf;

namespace CustomerView.Contracts.Tests;

/// <summary>Hand-built protobuf bytes.</summary>
internal static class Wire
{
    /// <summary><paramref name="message"/> followed by a length-delimited field this contract version does not define.</summary>
    public static byte[] WithUnknownField(byte[] message, int fieldNumber)
    {
        using var stream = new MemoryStream();
        stream.Write(message);
        var output = new CodedOutputStream(stream);
        output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(0x0A, 0x03, (byte)'L', (byte)'-', (byte)'1'));
        output.WriteTag(fieldNumber + 1, WireFormat.WireType.Varint);
        output.WriteInt64(300);
        output.Flush();
        return stream.ToArray();
    }
}
