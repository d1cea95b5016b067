using System.Buffers;
using System.IO.Pipelines;
using CustomerView.Http2.Server;

namespace CustomerView.Http2.Tests.Server;

public sealed class Http2OutputBufferTests
{
    [Fact]
    public void WriteTo_WritesSplicedPiecesWhereTheyWereAppended_AndEmptiesTheBuffer()
    {
        var output = new Http2OutputBuffer();
        var large = Http2TestServer.Pattern(Http2OutputBuffer.MinSpliceLength);
        output.Write([1, 2]);
        output.Append(large);
        output.Write([3]);
        output.Append(new byte[] { 4, 5 });
        output.Append(large);

        var length = output.Length;
        var bytes = Drain(output);

        Assert.Equal(5 + (2 * large.Length), length);
        Assert.Equal([1, 2, .. large, 3, 4, 5, .. large], bytes);
        Assert.Equal(0, output.Length);
        Assert.Empty(Drain(output));
    }

    [Fact]
    public void Append_CopiesPiecesShorterThanTheSpliceLength()
    {
        var output = new Http2OutputBuffer();
        var small = Http2TestServer.Pattern(Http2OutputBuffer.MinSpliceLength - 1);

        output.Append(small);
        small.AsSpan().Clear();

        Assert.Equal(Http2TestServer.Pattern(Http2OutputBuffer.MinSpliceLength - 1), Drain(output));
    }

    /// <summary>What <see cref="Http2OutputBuffer.WriteTo"/> writes to a transport.</summary>
    internal static byte[] Drain(Http2OutputBuffer output)
    {
        var pipe = new Pipe();
        output.WriteTo(pipe.Writer);
        pipe.Writer.Complete();
        Assert.True(pipe.Reader.TryRead(out var result));
        var bytes = result.Buffer.ToArray();
        pipe.Reader.AdvanceTo(result.Buffer.End);
        return bytes;
    }
}
