using CustomerView.Http2.Frames;
using CustomerView.Http2.Streams;

namespace CustomerView.Http2.Tests;

public sealed class Http2StreamStateTests
{
    private const bool Stream = false;
    private const bool Connection = true;

    [Theory]
    [InlineData(Http2StreamState.Idle, Http2FrameType.Headers, false, Http2StreamState.Open)]
    [InlineData(Http2StreamState.Idle, Http2FrameType.Headers, true, Http2StreamState.HalfClosedRemote)]
    [InlineData(Http2StreamState.Idle, Http2FrameType.Priority, false, Http2StreamState.Idle)]
    [InlineData(Http2StreamState.Open, Http2FrameType.Data, false, Http2StreamState.Open)]
    [InlineData(Http2StreamState.Open, Http2FrameType.Data, true, Http2StreamState.HalfClosedRemote)]
    [InlineData(Http2StreamState.Open, Http2FrameType.Headers, true, Http2StreamState.HalfClosedRemote)]
    [InlineData(Http2StreamState.Open, Http2FrameType.RstStream, false, Http2StreamState.ClosedByPeerReset)]
    [InlineData(Http2StreamState.Open, Http2FrameType.WindowUpdate, false, Http2StreamState.Open)]
    [InlineData(Http2StreamState.HalfClosedLocal, Http2FrameType.Data, true, Http2StreamState.ClosedByEndStream)]
    [InlineData(Http2StreamState.HalfClosedRemote, Http2FrameType.WindowUpdate, false, Http2StreamState.HalfClosedRemote)]
    [InlineData(Http2StreamState.HalfClosedRemote, Http2FrameType.RstStream, false, Http2StreamState.ClosedByPeerReset)]
    [InlineData(Http2StreamState.ClosedByEndStream, Http2FrameType.Priority, false, Http2StreamState.ClosedByEndStream)]
    [InlineData(Http2StreamState.HalfClosedLocal, Http2FrameType.Data, false, Http2StreamState.HalfClosedLocal)]
    [InlineData(Http2StreamState.HalfClosedLocal, Http2FrameType.RstStream, false, Http2StreamState.ClosedByPeerReset)]
    [InlineData(Http2StreamState.ClosedByOwnReset, Http2FrameType.Priority, false, Http2StreamState.ClosedByOwnReset)]
    internal void OnReceive_MovesTheStream_WhenTheFrameIsAllowed(Http2StreamState state, Http2FrameType type, bool endStream, Http2StreamState next)
    {
        var receipt = Http2StreamStates.OnReceive(state, type, endStream);

        Assert.True(receipt.Accepted);
        Assert.Equal(next, receipt.Next);
    }

    [Theory]
    [InlineData(Http2StreamState.Idle, Http2FrameType.Data, Http2ErrorCode.ProtocolError, Connection)]
    [InlineData(Http2StreamState.Idle, Http2FrameType.WindowUpdate, Http2ErrorCode.ProtocolError, Connection)]
    [InlineData(Http2StreamState.Idle, Http2FrameType.RstStream, Http2ErrorCode.ProtocolError, Connection)]
    [InlineData(Http2StreamState.Open, Http2FrameType.Headers, Http2ErrorCode.ProtocolError, Stream)]
    [InlineData(Http2StreamState.HalfClosedLocal, Http2FrameType.Headers, Http2ErrorCode.ProtocolError, Stream)]
    [InlineData(Http2StreamState.Open, Http2FrameType.PushPromise, Http2ErrorCode.ProtocolError, Connection)]
    [InlineData(Http2StreamState.HalfClosedRemote, Http2FrameType.Data, Http2ErrorCode.StreamClosed, Stream)]
    [InlineData(Http2StreamState.HalfClosedRemote, Http2FrameType.Headers, Http2ErrorCode.StreamClosed, Stream)]
    [InlineData(Http2StreamState.ClosedByPeerReset, Http2FrameType.WindowUpdate, Http2ErrorCode.StreamClosed, Stream)]
    [InlineData(Http2StreamState.ClosedByPeerReset, Http2FrameType.Data, Http2ErrorCode.StreamClosed, Stream)]
    [InlineData(Http2StreamState.ClosedByEndStream, Http2FrameType.Data, Http2ErrorCode.StreamClosed, Connection)]
    [InlineData(Http2StreamState.ClosedByEndStream, Http2FrameType.Headers, Http2ErrorCode.StreamClosed, Connection)]
    internal void OnReceive_ReportsTheError_WhenTheFrameIsNotAllowed(Http2StreamState state, Http2FrameType type, Http2ErrorCode error, bool connectionError)
    {
        var receipt = Http2StreamStates.OnReceive(state, type, endStream: false);

        Assert.False(receipt.Accepted);
        Assert.Equal(error, receipt.Error);
        Assert.Equal(connectionError, receipt.ConnectionError);
    }

    [Theory]
    [InlineData(Http2StreamState.ClosedByOwnReset, Http2FrameType.Data)]
    [InlineData(Http2StreamState.ClosedByOwnReset, Http2FrameType.Headers)]
    [InlineData(Http2StreamState.ClosedByEndStream, Http2FrameType.WindowUpdate)]
    [InlineData(Http2StreamState.ClosedByEndStream, Http2FrameType.RstStream)]
    [InlineData(Http2StreamState.ClosedByOwnReset, Http2FrameType.RstStream)]
    [InlineData(Http2StreamState.ClosedByOwnReset, Http2FrameType.WindowUpdate)]
    [InlineData(Http2StreamState.ClosedByPeerReset, Http2FrameType.RstStream)]
    internal void OnReceive_IgnoresTheFrame_WhenItMayHaveCrossedThisEndsClosing(Http2StreamState state, Http2FrameType type)
    {
        var receipt = Http2StreamStates.OnReceive(state, type, endStream: false);

        Assert.True(receipt.Ignore);
        Assert.Equal(Http2ErrorCode.NoError, receipt.Error);
        Assert.Equal(state, receipt.Next);
    }

    [Theory]
    [InlineData(Http2StreamState.Open, false, false, Http2StreamState.Open)]
    [InlineData(Http2StreamState.Open, true, false, Http2StreamState.HalfClosedLocal)]
    [InlineData(Http2StreamState.HalfClosedRemote, false, false, Http2StreamState.HalfClosedRemote)]
    [InlineData(Http2StreamState.HalfClosedRemote, true, false, Http2StreamState.ClosedByEndStream)]
    [InlineData(Http2StreamState.Open, false, true, Http2StreamState.ClosedByOwnReset)]
    [InlineData(Http2StreamState.HalfClosedRemote, false, true, Http2StreamState.ClosedByOwnReset)]
    [InlineData(Http2StreamState.ClosedByPeerReset, false, true, Http2StreamState.ClosedByPeerReset)]
    [InlineData(Http2StreamState.HalfClosedLocal, false, true, Http2StreamState.ClosedByOwnReset)]
    internal void OnSend_MovesTheStream_WhenItMaySend(Http2StreamState state, bool endStream, bool reset, Http2StreamState next)
    {
        Assert.Equal(next, Http2StreamStates.OnSend(state, endStream, reset));
    }

    [Theory]
    [InlineData(Http2StreamState.Idle)]
    [InlineData(Http2StreamState.HalfClosedLocal)]
    [InlineData(Http2StreamState.ClosedByEndStream)]
    internal void OnSend_Throws_WhenTheStreamCannotSend(Http2StreamState state)
    {
        Assert.Throws<InvalidOperationException>(() => Http2StreamStates.OnSend(state, endStream: true, reset: false));
    }

    [Fact]
    public void OnSend_Throws_WhenAnIdleStreamIsReset()
    {
        Assert.Throws<InvalidOperationException>(() => Http2StreamStates.OnSend(Http2StreamState.Idle, endStream: false, reset: true));
    }
}
