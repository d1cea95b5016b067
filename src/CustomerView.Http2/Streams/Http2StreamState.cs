using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Streams;

/// <summary>
/// A stream's state on the server (RFC 9113 §5.1; the server never pushes, so never reserves). Closed streams keep how
/// they closed, because that decides what a late frame means.
/// </summary>
internal enum Http2StreamState
{
    Idle,
    Open,

    /// <summary>This end sent END_STREAM; the peer may still send.</summary>
    HalfClosedLocal,

    /// <summary>The peer sent END_STREAM; this end may still send.</summary>
    HalfClosedRemote,

    /// <summary>Both ends sent END_STREAM.</summary>
    ClosedByEndStream,

    /// <summary>This end sent RST_STREAM: frames the peer sent before it saw the reset may still arrive, and are ignored.</summary>
    ClosedByOwnReset,

    /// <summary>The peer sent RST_STREAM.</summary>
    ClosedByPeerReset,
}

/// <summary>What a received frame does to its stream: the next state, or the error it is.</summary>
/// <param name="Next">The stream's state after the frame.</param>
/// <param name="Error">The error, or <see cref="Http2ErrorCode.NoError"/>.</param>
/// <param name="ConnectionError">Whether the error ends the connection (GOAWAY) rather than the stream (RST_STREAM).</param>
/// <param name="Ignore">
/// Whether the frame changes nothing on its stream and gets no answer (a late frame on a closed stream). It still counts
/// for the connection: an ignored DATA frame is taken from the connection's receive window and consumed at once, and an
/// ignored HEADERS block is still decoded, so the HPACK tables stay in step (§4.3, §6.9).
/// </param>
internal readonly record struct Http2Receipt(Http2StreamState Next, Http2ErrorCode Error, bool ConnectionError, bool Ignore)
{
    /// <summary>Whether the frame is processed.</summary>
    public bool Accepted => Error == Http2ErrorCode.NoError && !Ignore;
}

/// <summary>The stream state machine (RFC 9113 §5.1), as pure functions of a state and a frame.</summary>
internal static class Http2StreamStates
{
    /// <summary>
    /// What receiving a frame of <paramref name="type"/> (HEADERS once its whole header block has arrived) does to a
    /// stream in <paramref name="state"/>; <paramref name="endStream"/> is the frame's END_STREAM. For the frames that
    /// belong to a stream (DATA, HEADERS, PRIORITY, RST_STREAM, WINDOW_UPDATE); the connection rejects the others
    /// (SETTINGS, PING, GOAWAY on a stream; PUSH_PROMISE from a client; a stray CONTINUATION) before asking.
    /// </summary>
    public static Http2Receipt OnReceive(Http2StreamState state, Http2FrameType type, bool endStream)
    {
        if (type == Http2FrameType.Priority)
        {
            return Accept(state);
        }

        switch (state)
        {
            case Http2StreamState.Idle:
                return type == Http2FrameType.Headers
                    ? Accept(endStream ? Http2StreamState.HalfClosedRemote : Http2StreamState.Open)
                    : Connection(state, Http2ErrorCode.ProtocolError);
            case Http2StreamState.Open or Http2StreamState.HalfClosedLocal:
                return type switch
                {
                    // A second HEADERS is the trailers, which must end the stream (§8.1).
                    Http2FrameType.Headers when !endStream => Stream(state, Http2ErrorCode.ProtocolError),
                    Http2FrameType.Data or Http2FrameType.Headers => Accept(endStream ? RemoteEnded(state) : state),
                    Http2FrameType.RstStream => Accept(Http2StreamState.ClosedByPeerReset),
                    Http2FrameType.WindowUpdate => Accept(state),
                    _ => Connection(state, Http2ErrorCode.ProtocolError),
                };
            case Http2StreamState.HalfClosedRemote:
                return type switch
                {
                    Http2FrameType.RstStream => Accept(Http2StreamState.ClosedByPeerReset),
                    Http2FrameType.WindowUpdate => Accept(state),
                    _ => Stream(state, Http2ErrorCode.StreamClosed),
                };
            case Http2StreamState.ClosedByOwnReset:
                return Ignored(state);
            case Http2StreamState.ClosedByPeerReset:
                // Never answer a RST_STREAM with one (§5.4.2).
                return type == Http2FrameType.RstStream
                    ? Ignored(state)
                    : Stream(state, Http2ErrorCode.StreamClosed);
            default:
                // Closed by END_STREAM both ways: WINDOW_UPDATE and RST_STREAM may cross this end's END_STREAM; anything
                // else comes after the peer's own END_STREAM (§5.1, "closed").
                return type is Http2FrameType.WindowUpdate or Http2FrameType.RstStream
                    ? Ignored(state)
                    : Connection(state, Http2ErrorCode.StreamClosed);
        }
    }

    /// <summary>The state after this end sends HEADERS or DATA (<paramref name="endStream"/> its END_STREAM) or RST_STREAM (<paramref name="reset"/>).</summary>
    /// <exception cref="InvalidOperationException">The stream cannot send in its state: a bug in the caller.</exception>
    public static Http2StreamState OnSend(Http2StreamState state, bool endStream, bool reset)
    {
        if (reset)
        {
            // No RST_STREAM on an idle stream (§6.4); a closed one needs none.
            return state switch
            {
                Http2StreamState.Idle => throw new InvalidOperationException("An idle stream cannot be reset."),
                Http2StreamState.ClosedByEndStream or Http2StreamState.ClosedByPeerReset or Http2StreamState.ClosedByOwnReset => state,
                _ => Http2StreamState.ClosedByOwnReset,
            };
        }

        return state switch
        {
            Http2StreamState.Open => endStream ? Http2StreamState.HalfClosedLocal : state,
            Http2StreamState.HalfClosedRemote => endStream ? Http2StreamState.ClosedByEndStream : state,
            _ => throw new InvalidOperationException($"A stream in state {state} cannot send."),
        };
    }

    private static Http2StreamState RemoteEnded(Http2StreamState state) =>
        state == Http2StreamState.HalfClosedLocal ? Http2StreamState.ClosedByEndStream : Http2StreamState.HalfClosedRemote;

    private static Http2Receipt Ignored(Http2StreamState state) => new(state, Http2ErrorCode.NoError, ConnectionError: false, Ignore: true);

    private static Http2Receipt Accept(Http2StreamState next) => new(next, Http2ErrorCode.NoError, ConnectionError: false, Ignore: false);

    private static Http2Receipt Stream(Http2StreamState state, Http2ErrorCode error) => new(state, error, ConnectionError: false, Ignore: false);

    private static Http2Receipt Connection(Http2StreamState state, Http2ErrorCode error) => new(state, error, ConnectionError: true, Ignore: false);
}
