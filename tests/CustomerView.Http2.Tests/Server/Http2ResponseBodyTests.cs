using CustomerView.Http2.Frames;
using CustomerView.Http2.Server;

namespace CustomerView.Http2.Tests.Server;

public sealed class Http2ResponseBodyTests
{
    [Fact]
    public void WriteDataFrame_TakesBufferedBytesThenTheReference_InPiecesOfAnySize()
    {
        var body = new Http2ResponseBody();
        body.GetSpan(3)[..3].Fill(7);
        body.Advance(3);
        Assert.True(body.TryAppendReference(new byte[] { 1, 2, 3, 4, 5 }));
        var output = new Http2OutputBuffer();

        body.WriteDataFrame(output, Http2FrameFlags.None, 1, 2);
        body.WriteDataFrame(output, Http2FrameFlags.None, 1, 4);
        body.WriteDataFrame(output, Http2FrameFlags.EndStream, 1, 2);

        Assert.Equal(0, body.Length);
        Assert.Equal([[7, 7], [7, 1, 2, 3], [4, 5]], Payloads(Http2OutputBufferTests.Drain(output)));
    }

    [Fact]
    public void WriteDataFrame_SplicesTheReferencesPart_WhenItIsLarge()
    {
        var body = new Http2ResponseBody();
        body.GetSpan(1)[0] = 7;
        body.Advance(1);
        var large = Http2TestServer.Pattern(Http2OutputBuffer.MinSpliceLength + 10);
        Assert.True(body.TryAppendReference(large));
        var output = new Http2OutputBuffer();

        body.WriteDataFrame(output, Http2FrameFlags.None, 1, 6);
        body.WriteDataFrame(output, Http2FrameFlags.EndStream, 1, body.Length);
        var length = output.Length;
        large.AsSpan().Fill(0xEE);
        var payloads = Payloads(Http2OutputBufferTests.Drain(output));

        Assert.Equal((2 * Http2FrameHeader.Size) + 1 + large.Length, length);
        Assert.Equal([7, .. Http2TestServer.Pattern(5)], payloads[0]);
        Assert.Equal(large.Length - 5, payloads[1].Length);
        Assert.All(payloads[1], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void GetSpan_CopiesTheReferenceFirst_SoLaterWritesFollowIt()
    {
        var body = new Http2ResponseBody();
        Assert.True(body.TryAppendReference(new byte[] { 1, 2 }));

        body.GetSpan(1)[0] = 9;
        body.Advance(1);
        var output = new Http2OutputBuffer();
        body.WriteDataFrame(output, Http2FrameFlags.None, 1, body.Length);

        Assert.Equal([[1, 2, 9]], Payloads(Http2OutputBufferTests.Drain(output)));
    }

    [Fact]
    public void TryAppendReference_ReturnsFalse_WhenMemoryHandedOutIsNotCommitted()
    {
        var body = new Http2ResponseBody();

        body.GetMemory(4);
        var whileOut = body.TryAppendReference(new byte[] { 1 });
        body.Advance(0);
        var afterAdvance = body.TryAppendReference(new byte[] { 1 });
        var second = body.TryAppendReference(new byte[] { 2 });

        Assert.False(whileOut);
        Assert.True(afterAdvance);
        Assert.False(second);
        Assert.Equal(1, body.Length);
    }

    [Fact]
    public void Clear_DropsTheReference()
    {
        var body = new Http2ResponseBody();
        body.TryAppendReference(new byte[] { 1, 2 });

        body.Clear();

        Assert.Equal(0, body.Length);
        Assert.True(body.TryAppendReference(new byte[] { 3 }));
    }

    private static List<byte[]> Payloads(ReadOnlySpan<byte> frames)
    {
        var payloads = new List<byte[]>();
        while (frames.Length > 0)
        {
            var header = Http2FrameHeader.Read(frames);
            payloads.Add(frames.Slice(Http2FrameHeader.Size, header.Length).ToArray());
            frames = frames[(Http2FrameHeader.Size + header.Length)..];
        }

        return payloads;
    }
}
