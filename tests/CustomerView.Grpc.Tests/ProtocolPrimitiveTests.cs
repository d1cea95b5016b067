using System.Buffers;
using CustomerView.Grpc.Tests.V1;
using Google.Protobuf;

namespace CustomerView.Grpc.Tests;

public sealed class ProtocolPrimitiveTests
{
    [Theory]
    [InlineData("2H", 2 * 3600 * 1000L)]
    [InlineData("3M", 3 * 60 * 1000L)]
    [InlineData("5S", 5000L)]
    [InlineData("250m", 250L)]
    [InlineData("7000u", 7L)]
    [InlineData("9000000n", 9L)]
    [InlineData("99999999S", 99999999000L)]
    public void TryParse_ReturnsTimeout_ForEveryUnit(string header, long expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void TryParse_ReturnsFalse_WhenValueIsMalformed(string header) =>
        Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(0.0005, "500000n")]
    [InlineData(1.5, "1500000u")]
    [InlineData(100.0, "100000m")]
    [InlineData(200000.0, "200000S")]
    [InlineData(200000000.0, "3333334M")]
    public void Format_UsesFinestUnitWithinEightDigits_WhenTimeoutIsPositive(double seconds, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Format_RoundsUpToTheUnit_WhenTimeoutHasSubUnitPart()
    {
        var timeout = TimeSpan.FromTicks(123_456_789);
        Assert.Equal("12345679u", GrpcTimeout.Format(timeout));
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.Equal(TimeSpan.FromTicks(123_456_790), parsed);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100% done", "100%25 done")]
    [InlineData("línea\nnueva", "l%C3%ADnea%0Anueva")]
    public void Encode_PercentEncodesNonPrintableAndPercent_WhenMessageNeedsIt(string message, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(message));
        Assert.Equal(message, PercentEncoding.Decode(expected));
    }

    [Fact]
    public void Decode_KeepsMalformedEscapes_WhenPercentIsNotFollowedByHex() =>
        Assert.Equal("50%zz and %4", PercentEncoding.Decode("50%zz and %4"));

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQIDBA", new byte[] { 1, 2, 3, 4 })]
    [InlineData("AQIDBA==", new byte[] { 1, 2, 3, 4 })]
    [InlineData("AQIDBAU", new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData("AQIDBAU=", new byte[] { 1, 2, 3, 4, 5 })]
    public void TryDecodeBinary_AcceptsPaddedAndUnpadded_WhenValueIsBase64(string header, byte[] expected)
    {
        Assert.True(MetadataEncoding.TryDecodeBinary(header, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void EncodeBinary_EmitsUnpaddedBase64_WhenLengthIsNotMultipleOfThree() =>
        Assert.Equal("AQIDBA", MetadataEncoding.EncodeBinary([1, 2, 3, 4]));

    [Fact]
    public void TryReadFrame_ReadsEveryMessage_WhenBytesAreSplitAtEveryPosition()
    {
        var first = new TestRequest { Message = "first", Payload = ByteString.CopyFrom(new byte[300]) };
        var second = new TestRequest { Message = "second" };
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, first);
        GrpcFraming.WriteMessage(writer, second);
        var bytes = writer.WrittenMemory.ToArray();

        for (var split = 1; split < bytes.Length; split++)
        {
            var buffer = Segments.Create(bytes[..split], bytes[split..]);
            Assert.Equal(MessageReadOutcome.Message, GrpcFraming.TryReadFrame(ref buffer, 1024, out var one, out _));
            Assert.Equal(first, TestRequest.Parser.ParseFrom(one));
            Assert.Equal(MessageReadOutcome.Message, GrpcFraming.TryReadFrame(ref buffer, 1024, out var two, out _));
            Assert.Equal(second, TestRequest.Parser.ParseFrom(two));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void TryReadFrame_ReportsTooLarge_WhenOnlyThePrefixHasArrived()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0x01, 0, 0, 0 });
        Assert.Equal(MessageReadOutcome.TooLarge, GrpcFraming.TryReadFrame(ref buffer, 1024, out _, out _));
    }

    [Fact]
    public void TryReadFrame_NeedsMoreData_WhenMessageIsIncomplete()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0, 4, 1, 2 });
        Assert.Equal(MessageReadOutcome.NeedMoreData, GrpcFraming.TryReadFrame(ref buffer, 1024, out _, out _));
        Assert.Equal(7, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_ReportsInvalidFlag_WhenCompressedFlagIsNotZeroOrOne()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 2, 0, 0, 0, 0 });
        Assert.Equal(MessageReadOutcome.InvalidFlag, GrpcFraming.TryReadFrame(ref buffer, 1024, out _, out _));
    }

    [Fact]
    public async Task ReadMessageAsync_DecompressesGzip_WhenEncodingIsGzip()
    {
        var message = new TestRequest { Message = new string('z', 5000) };
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, message, GrpcProtocol.GzipEncoding);
        var bytes = writer.WrittenMemory.ToArray();
        Assert.Equal(1, bytes[0]);
        Assert.True(bytes.Length < 1000);

        var read = await GrpcMessageReader.ReadMessageAsync(
            Infrastructure.RawGrpc.Reader(bytes), TestRequest.Parser, new MessageReadOptions(1 << 20, "gzip"), TestContext.Current.CancellationToken);
        Assert.Equal(message, read);
    }

    [Fact]
    public async Task ReadMessageAsync_ThrowsResourceExhausted_WhenDecompressedSizeExceedsLimit()
    {
        var writer = new ArrayBufferWriter<byte>();
        GrpcFraming.WriteMessage(writer, new TestRequest { Message = new string('z', 50_000) }, GrpcProtocol.GzipEncoding);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await GrpcMessageReader.ReadMessageAsync(
            Infrastructure.RawGrpc.Reader(writer.WrittenMemory.ToArray()), TestRequest.Parser, new MessageReadOptions(10_000, "gzip"), TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(byte[] bytes, long index)
        {
            Memory = bytes;
            RunningIndex = index;
        }

        public static ReadOnlySequence<byte> Create(byte[] head, byte[] tail)
        {
            var first = new Segments(head, 0);
            var last = new Segments(tail, head.Length);
            first.Next = last;
            return new ReadOnlySequence<byte>(first, 0, last, tail.Length);
        }
    }
}
