using System.Buffers;
using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Tests;

public sealed class Http2FrameTests
{
    [Fact]
    public void Read_GivesBackTheHeader_AfterWriteDroppingTheReservedBit()
    {
        var bytes = new byte[Http2FrameHeader.Size];
        new Http2FrameHeader(0x12345, Http2FrameType.Headers, Http2FrameFlags.EndHeaders | Http2FrameFlags.EndStream, 7).Write(bytes);
        bytes[5] |= 0x80;

        var header = Http2FrameHeader.Read(bytes);

        Assert.Equal("012345010580000007", Convert.ToHexString(bytes));
        Assert.Equal(new Http2FrameHeader(0x12345, Http2FrameType.Headers, Http2FrameFlags.EndHeaders | Http2FrameFlags.EndStream, 7), header);
    }

    [Fact]
    public void TryRead_TakesWholeFramesOff_WhenTheySpanSegments()
    {
        var buffer = Segments.Of([0x00, 0x00], [0x03, 0x00, 0x01, 0x00, 0x00, 0x00], [0x01, 0xAA, 0xBB], [0xCC, 0x00, 0x00]);

        var first = Http2FrameReader.TryRead(ref buffer, 16_384, out var header, out var payload);
        var second = Http2FrameReader.TryRead(ref buffer, 16_384, out _, out _);

        Assert.Equal(Http2FrameReadStatus.Frame, first);
        Assert.Equal(new Http2FrameHeader(3, Http2FrameType.Data, Http2FrameFlags.EndStream, 1), header);
        Assert.Equal([0xAA, 0xBB, 0xCC], payload.ToArray());
        Assert.Equal(Http2FrameReadStatus.NeedMore, second);
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void TryRead_NeedsMore_WhenThePayloadHasNotAllArrived()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("000004000000000001AABB"));

        Assert.Equal(Http2FrameReadStatus.NeedMore, Http2FrameReader.TryRead(ref buffer, 16_384, out _, out _));
        Assert.Equal(11, buffer.Length);
    }

    [Fact]
    public void TryRead_ReportsTooLarge_WhenTheLengthExceedsTheMaximumFrameSize()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("004001000000000001"));

        Assert.Equal(Http2FrameReadStatus.TooLarge, Http2FrameReader.TryRead(ref buffer, 16_384, out var header, out _));
        Assert.Equal(16_385, header.Length);
    }

    [Theory]
    [InlineData((byte)Http2FrameType.Data, (byte)Http2FrameFlags.Padded, "02AABB0000", "AABB")]
    [InlineData((byte)Http2FrameType.Data, (byte)Http2FrameFlags.Padded, "020000", "")]
    [InlineData((byte)Http2FrameType.Headers, (byte)Http2FrameFlags.Priority, "0000000310AABB", "AABB")]
    [InlineData((byte)Http2FrameType.Headers, (byte)(Http2FrameFlags.Priority | Http2FrameFlags.Padded), "0100000003108200", "82")]
    [InlineData((byte)Http2FrameType.Data, (byte)Http2FrameFlags.Priority, "AABB", "AABB")]
    public void StripPaddingAndPriority_LeavesTheFragment_WhenThePaddingFits(byte type, byte flags, string payloadHex, string expectedHex)
    {
        var bytes = Convert.FromHexString(payloadHex);
        var payload = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(Http2ErrorCode.NoError, Http2FrameReader.StripPaddingAndPriority(new Http2FrameHeader(bytes.Length, (Http2FrameType)type, (Http2FrameFlags)flags, 1), ref payload));
        Assert.Equal(expectedHex, Convert.ToHexString(payload.ToArray()));
    }

    [Theory]
    [InlineData((byte)Http2FrameType.Data, (byte)Http2FrameFlags.Padded, "", (uint)Http2ErrorCode.FrameSizeError)]
    [InlineData((byte)Http2FrameType.Data, (byte)Http2FrameFlags.Padded, "03AABB", (uint)Http2ErrorCode.ProtocolError)]
    [InlineData((byte)Http2FrameType.Headers, (byte)Http2FrameFlags.Priority, "00000003", (uint)Http2ErrorCode.FrameSizeError)]
    [InlineData((byte)Http2FrameType.Headers, (byte)(Http2FrameFlags.Priority | Http2FrameFlags.Padded), "010000000310", (uint)Http2ErrorCode.ProtocolError)]
    public void StripPaddingAndPriority_ReportsTheError_WhenThePaddingOrPriorityDoesNotFit(byte type, byte flags, string payloadHex, uint expected)
    {
        var bytes = Convert.FromHexString(payloadHex);
        var payload = new ReadOnlySequence<byte>(bytes);

        Assert.Equal((Http2ErrorCode)expected, Http2FrameReader.StripPaddingAndPriority(new Http2FrameHeader(bytes.Length, (Http2FrameType)type, (Http2FrameFlags)flags, 1), ref payload));
    }

    [Fact]
    public void TryRead_TakesTheFrame_WhenItsLengthIsExactlyTheMaximum()
    {
        var bytes = new byte[Http2FrameHeader.Size + 16_384];
        new Http2FrameHeader(16_384, Http2FrameType.Data, Http2FrameFlags.None, 1).Write(bytes);
        var buffer = Segments.Of(bytes[..Http2FrameHeader.Size], bytes[Http2FrameHeader.Size..]);

        Assert.Equal(Http2FrameReadStatus.Frame, Http2FrameReader.TryRead(ref buffer, 16_384, out _, out var payload));
        Assert.Equal(16_384, payload.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryRead_NeedsMore_WhenTheHeaderIsIncomplete()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("0000040000000000"));

        Assert.Equal(Http2FrameReadStatus.NeedMore, Http2FrameReader.TryRead(ref buffer, 16_384, out _, out _));
    }

    [Fact]
    public void Write_KeepsTheLargestLengthAndStream_WhenReadBack()
    {
        var bytes = new byte[Http2FrameHeader.Size];
        var header = new Http2FrameHeader(Http2FrameHeader.MaxLength, Http2FrameType.Continuation, Http2FrameFlags.EndHeaders, int.MaxValue);

        header.Write(bytes);

        Assert.Equal(header, Http2FrameHeader.Read(bytes));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(Http2FrameHeader.MaxLength + 1, 1)]
    [InlineData(0, -1)]
    public void Write_Throws_WhenTheLengthOrStreamCannotBeEncoded(int length, int streamId)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http2FrameHeader(length, Http2FrameType.Data, Http2FrameFlags.None, streamId).Write(new byte[Http2FrameHeader.Size]));
    }

    [Fact]
    public void IsEndStreamAndIsAck_ReadTheSharedBit_OnlyOnTheFrameTypesThatCarryThem()
    {
        Assert.True(new Http2FrameHeader(0, Http2FrameType.Data, Http2FrameFlags.EndStream, 1).IsEndStream);
        Assert.False(new Http2FrameHeader(0, Http2FrameType.Settings, Http2FrameFlags.Ack, 0).IsEndStream);
        Assert.True(new Http2FrameHeader(0, Http2FrameType.Settings, Http2FrameFlags.Ack, 0).IsAck);
        Assert.False(new Http2FrameHeader(0, Http2FrameType.Headers, Http2FrameFlags.EndStream, 1).IsAck);
        Assert.False(new Http2FrameHeader(0, Http2FrameType.Headers, Http2FrameFlags.EndStream, 1).Has(Http2FrameFlags.None));
    }

    [Fact]
    public void WriteHeaders_WritesNoEmptyContinuation_WhenTheBlockIsExactlyTheFrameSize()
    {
        var output = new ArrayBufferWriter<byte>();

        Http2FrameWriter.WriteHeaders(output, 1, [1, 2, 3, 4], endStream: false, maxFrameSize: 4);
        Http2FrameWriter.WriteHeaders(output, 3, [], endStream: true, maxFrameSize: 4);

        Assert.Equal("000004" + "01" + "04" + "00000001" + "01020304" + "000000" + "01" + "05" + "00000003", Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteDataAndHeaders_Throw_WhenTheStreamIsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Http2FrameWriter.WriteData(new ArrayBufferWriter<byte>(), 0, [1], endStream: true, 16_384));
        Assert.Throws<ArgumentOutOfRangeException>(() => Http2FrameWriter.WriteHeaders(new ArrayBufferWriter<byte>(), 0, [0x88], endStream: true, 16_384));
        Assert.Throws<ArgumentOutOfRangeException>(() => Http2FrameWriter.WriteRstStream(new ArrayBufferWriter<byte>(), 0, Http2ErrorCode.Cancel));
        Assert.Throws<ArgumentOutOfRangeException>(() => Http2FrameWriter.WriteData(new ArrayBufferWriter<byte>(), 1, [1], endStream: true, Http2Settings.MaxMaxFrameSize + 1));
    }

    [Fact]
    public void WriteHeaders_SplitsTheBlockIntoContinuations_WhenItExceedsTheFrameSize()
    {
        var output = new ArrayBufferWriter<byte>();

        Http2FrameWriter.WriteHeaders(output, 3, Convert.FromHexString("00112233445566778899"), endStream: true, maxFrameSize: 4);

        Assert.Equal(
            "000004" + "01" + "01" + "00000003" + "00112233"
            + "000004" + "09" + "00" + "00000003" + "44556677"
            + "000002" + "09" + "04" + "00000003" + "8899",
            Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteHeaders_EndsTheHeadersInOneFrame_WhenTheBlockFits()
    {
        var output = new ArrayBufferWriter<byte>();

        Http2FrameWriter.WriteHeaders(output, 1, [0x88], endStream: false, maxFrameSize: 16_384);

        Assert.Equal("000001" + "01" + "04" + "00000001" + "88", Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteData_EndsTheStreamOnTheLastFrameOnly_WhenTheDataIsSplit()
    {
        var output = new ArrayBufferWriter<byte>();

        Http2FrameWriter.WriteData(output, 5, [1, 2, 3, 4, 5], endStream: true, maxFrameSize: 3);
        Http2FrameWriter.WriteData(output, 7, [], endStream: true, maxFrameSize: 3);

        Assert.Equal(
            "000003" + "00" + "00" + "00000005" + "010203"
            + "000002" + "00" + "01" + "00000005" + "0405"
            + "000000" + "00" + "01" + "00000007",
            Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteControlFrames_LayOutTheirPayloads_AsRfc9113Says()
    {
        var output = new ArrayBufferWriter<byte>();

        Http2FrameWriter.WriteSettings(output, [(Http2SettingId.MaxConcurrentStreams, 100), (Http2SettingId.InitialWindowSize, 1 << 20)]);
        Http2FrameWriter.WriteSettingsAck(output);
        Http2FrameWriter.WritePing(output, ack: true, 0x0102030405060708);
        Http2FrameWriter.WriteWindowUpdate(output, 0, 1 << 16);
        Http2FrameWriter.WriteRstStream(output, 9, Http2ErrorCode.Cancel);
        Http2FrameWriter.WriteGoAway(output, 11, Http2ErrorCode.ProtocolError, "x"u8);

        Assert.Equal(
            "00000C" + "04" + "00" + "00000000" + "0003" + "00000064" + "0004" + "00100000"
            + "000000" + "04" + "01" + "00000000"
            + "000008" + "06" + "01" + "00000000" + "0102030405060708"
            + "000004" + "08" + "00" + "00000000" + "00010000"
            + "000004" + "03" + "00" + "00000009" + "00000008"
            + "000009" + "07" + "00" + "00000000" + "0000000B" + "00000001" + "78",
            Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteWindowUpdate_Throws_WhenTheIncrementIsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Http2FrameWriter.WriteWindowUpdate(new ArrayBufferWriter<byte>(), 1, 0));
    }
}
