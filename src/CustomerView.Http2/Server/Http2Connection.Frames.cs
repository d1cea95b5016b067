using System.Buffers;
using System.Buffers.Binary;
using CustomerView.Http2.Frames;
using CustomerView.Http2.Hpack;
using CustomerView.Http2.Streams;

namespace CustomerView.Http2.Server;

/// <summary>What each received frame does (RFC 9113 §6), on the connection's loop.</summary>
internal sealed partial class Http2Connection
{
    private static readonly DiscardingSink Discard = new();

    private void ProcessFrame(in Http2FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if (!_settingsReceived && header.Type != Http2FrameType.Settings)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "the client's first frame is not SETTINGS");
        }

        if (_continuationStreamId != 0 && header.Type != Http2FrameType.Continuation)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a header block is interrupted by another frame");
        }

        switch (header.Type)
        {
            case Http2FrameType.Data:
                OnData(header, payload);
                break;
            case Http2FrameType.Headers:
                OnHeaders(header, payload);
                break;
            case Http2FrameType.Continuation:
                OnContinuation(header, payload);
                break;
            case Http2FrameType.Priority:
                OnPriority(header);
                break;
            case Http2FrameType.RstStream:
                OnRstStream(header, payload);
                break;
            case Http2FrameType.Settings:
                OnSettings(header, payload);
                break;
            case Http2FrameType.Ping:
                OnPing(header, payload);
                break;
            case Http2FrameType.GoAway:
                OnGoAway(header);
                break;
            case Http2FrameType.WindowUpdate:
                OnWindowUpdate(header, payload);
                break;
            case Http2FrameType.PushPromise:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a client sent PUSH_PROMISE");
            default:
                // Unknown frame types are ignored (§4.1, §5.5).
                break;
        }
    }

    private void OnData(in Http2FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        var stripped = Http2FrameReader.StripPaddingAndPriority(header, ref payload);
        if (stripped != Http2ErrorCode.NoError)
        {
            throw new Http2ConnectionException(stripped, "a DATA frame's padding is malformed");
        }

        lock (_output.Sync)
        {
            if (!_receiveWindow.TryReceive(header.Length))
            {
                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "DATA past the connection's window");
            }

            // The connection's window reopens as the application reads (or at once for what nobody will read), so a
            // connection buffers at most its window of request bodies.
            if (!_streams.TryGetValue(header.StreamId, out var stream))
            {
                ReturnConnectionWindowLocked(header.Length);
                OnFrameForClosedStream(header, Http2FrameType.Data);
                return;
            }

            var receipt = Http2StreamStates.OnReceive(stream.State, Http2FrameType.Data, header.IsEndStream);
            if (!receipt.Accepted)
            {
                ReturnConnectionWindowLocked(header.Length);
                OnRejected(stream, receipt, "DATA");
                return;
            }

            if (!stream.ReceiveWindow.TryReceive(header.Length))
            {
                ReturnConnectionWindowLocked(header.Length);
                ResetStreamLocked(stream, Http2ErrorCode.FlowControlError, "DATA past the stream's window");
                return;
            }

            var padding = header.Length - (int)payload.Length;
            if (padding > 0)
            {
                stream.ReceiveWindow.Consume(padding);
                ReturnConnectionWindowLocked(padding);
            }

            stream.UnconsumedBody += (int)payload.Length;
            SetStateLocked(stream, receipt.Next);
            if (!stream.ReceiveBody(payload))
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, "the body is longer than its content-length");
                return;
            }

            if (header.IsEndStream && !stream.EndRequest())
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, "the body is shorter than its content-length");
            }
        }
    }

    private void OnHeaders(in Http2FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        if ((header.StreamId & 1) == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a client opened an even-numbered stream");
        }

        var stripped = Http2FrameReader.StripPaddingAndPriority(header, ref payload);
        if (stripped != Http2ErrorCode.NoError)
        {
            throw new Http2ConnectionException(stripped, "a HEADERS frame's padding or priority is malformed");
        }

        if (!header.Has(Http2FrameFlags.EndHeaders))
        {
            _continuationStreamId = header.StreamId;
            _continuationEndStream = header.IsEndStream;
            AppendHeaderBlock(payload);
            return;
        }

        if (payload.IsSingleSegment)
        {
            OnHeaderBlock(header.StreamId, payload.FirstSpan, header.IsEndStream);
            return;
        }

        AppendHeaderBlock(payload);
        EndHeaderBlock(header.StreamId, header.IsEndStream);
    }

    private void OnContinuation(in Http2FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if (_continuationStreamId == 0 || header.StreamId != _continuationStreamId)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "CONTINUATION does not follow a HEADERS frame on its stream");
        }

        AppendHeaderBlock(payload);
        if (header.Has(Http2FrameFlags.EndHeaders))
        {
            var streamId = _continuationStreamId;
            _continuationStreamId = 0;
            EndHeaderBlock(streamId, _continuationEndStream);
        }
    }

    private void AppendHeaderBlock(in ReadOnlySequence<byte> fragment)
    {
        if (_headerBlock.Length + fragment.Length > MaxHeaderBlockSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, "a header block is longer than 64 KiB");
        }

        foreach (var segment in fragment)
        {
            _headerBlock.Write(segment.Span);
        }
    }

    private void EndHeaderBlock(int streamId, bool endStream)
    {
        try
        {
            OnHeaderBlock(streamId, _headerBlock.Written, endStream);
        }
        finally
        {
            _headerBlock.Take(_headerBlock.Length);
        }
    }

    private void OnHeaderBlock(int streamId, ReadOnlySpan<byte> block, bool endStream)
    {
        Http2Stream? stream;
        lock (_output.Sync)
        {
            _streams.TryGetValue(streamId, out stream);
        }

        if (stream is not null)
        {
            OnTrailers(stream, block, endStream);
            return;
        }

        if (streamId <= _lastStreamId)
        {
            Decode(block, Discard);
            lock (_output.Sync)
            {
                OnFrameForClosedStream(new Http2FrameHeader(0, Http2FrameType.Headers, endStream ? Http2FrameFlags.EndStream : Http2FrameFlags.None, streamId), Http2FrameType.Headers);
            }

            return;
        }

        _lastStreamId = streamId;
        bool refuse;
        lock (_output.Sync)
        {
            // Streams count until they close, not until their handlers finish; the table itself has a hard cap too.
            refuse = _draining || _openStreams >= MaxConcurrentStreams || _streams.Count >= 2 * MaxConcurrentStreams;
            stream = refuse ? null : Rent();
        }

        if (stream is null)
        {
            Decode(block, Discard);
            lock (_output.Sync)
            {
                WriteRstLocked(streamId, Http2ErrorCode.RefusedStream);
                RememberClosed(streamId, Http2StreamState.ClosedByOwnReset);
            }

            return;
        }

        stream.Open(streamId, _peer.InitialWindowSize, StreamWindowSize);
        stream.BeginRequestHeaders();
        var fits = Decode(block, stream);
        lock (_output.Sync)
        {
            SetStateLocked(stream, Http2StreamStates.OnReceive(Http2StreamState.Idle, Http2FrameType.Headers, endStream).Next);
            _streams.Add(streamId, stream);
            if (!fits)
            {
                RespondWithStatusLocked(stream, 431);
                FinishUnstartedLocked(stream);
                return;
            }

            if (!stream.EndRequestHeaders())
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, stream.MalformedReason!);
                FinishUnstartedLocked(stream);
                return;
            }

            if (endStream)
            {
                stream.RequestEndedBeforeStart = true;
                if (!stream.EndRequest())
                {
                    ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, "the request has no body but a non-zero content-length");
                    FinishUnstartedLocked(stream);
                    return;
                }
            }
        }

        _toStart.Add(stream);
    }

    private void OnTrailers(Http2Stream stream, ReadOnlySpan<byte> block, bool endStream)
    {
        Http2Receipt receipt;
        lock (_output.Sync)
        {
            receipt = Http2StreamStates.OnReceive(stream.State, Http2FrameType.Headers, endStream);
        }

        if (!receipt.Accepted)
        {
            Decode(block, Discard);
            lock (_output.Sync)
            {
                OnRejected(stream, receipt, "HEADERS");
            }

            return;
        }

        stream.BeginRequestTrailers();
        var fits = Decode(block, stream);
        lock (_output.Sync)
        {
            SetStateLocked(stream, receipt.Next);
            if (!fits || !stream.EndRequestHeaders())
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, stream.MalformedReason ?? "the trailers are larger than SETTINGS_MAX_HEADER_LIST_SIZE");
                return;
            }

            if (!stream.EndRequest())
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, "the body is shorter than its content-length");
            }
        }
    }

    private bool Decode(ReadOnlySpan<byte> block, IHpackHeaderSink sink)
    {
        try
        {
            return _decoder.Decode(block, sink);
        }
        catch (HpackException ex)
        {
            throw new Http2ConnectionException(Http2ErrorCode.CompressionError, ex.Message);
        }
    }

    private static void OnPriority(in Http2FrameHeader header)
    {
        RequireStream(header);
        if (header.Length != 5)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a PRIORITY frame is not 5 bytes long");
        }
    }

    private void OnRstStream(in Http2FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        if (header.Length != 4)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a RST_STREAM frame is not 4 bytes long");
        }

        var code = (Http2ErrorCode)ReadUInt32(payload);
        lock (_output.Sync)
        {
            if (!_streams.TryGetValue(header.StreamId, out var stream))
            {
                OnFrameForClosedStream(header, Http2FrameType.RstStream);
                return;
            }

            var receipt = Http2StreamStates.OnReceive(stream.State, Http2FrameType.RstStream, endStream: false);
            if (!receipt.Accepted)
            {
                OnRejected(stream, receipt, "RST_STREAM");
                return;
            }

            SetStateLocked(stream, receipt.Next);
            ReturnConnectionWindowLocked(stream.UnconsumedBody);
            stream.UnconsumedBody = 0;
            stream.Abort($"The client reset the request stream ({code}).");
        }
    }

    private void OnSettings(in Http2FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a SETTINGS frame names a stream");
        }

        if (header.IsAck)
        {
            if (header.Length != 0)
            {
                throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a SETTINGS acknowledgement has a payload");
            }

            return;
        }

        _settingsReceived = true;
        var oldWindow = _peer.InitialWindowSize;
        var error = _peer.Apply(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), out var reason);
        if (error != Http2ErrorCode.NoError)
        {
            throw new Http2ConnectionException(error, reason!);
        }

        lock (_output.Sync)
        {
            var delta = (long)_peer.InitialWindowSize - oldWindow;
            if (delta != 0)
            {
                foreach (var stream in _streams.Values)
                {
                    if (stream.State is Http2StreamState.Open or Http2StreamState.HalfClosedRemote && !stream.SendWindow.TryAdjust(delta))
                    {
                        throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "SETTINGS_INITIAL_WINDOW_SIZE takes a stream's window past 2^31 - 1");
                    }
                }
            }

            Http2FrameWriter.WriteSettingsAck(_output.Pending);
            if (delta > 0)
            {
                ResumeBlockedLocked();
            }
        }
    }

    private void OnPing(in Http2FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a PING frame names a stream");
        }

        if (header.Length != 8)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a PING frame is not 8 bytes long");
        }

        if (header.IsAck)
        {
            return;
        }

        Span<byte> data = stackalloc byte[8];
        payload.CopyTo(data);
        lock (_output.Sync)
        {
            Http2FrameWriter.WritePing(_output.Pending, ack: true, BinaryPrimitives.ReadUInt64BigEndian(data));
        }
    }

    private static void OnGoAway(in Http2FrameHeader header)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a GOAWAY frame names a stream");
        }

        if (header.Length < 8)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a GOAWAY frame is shorter than 8 bytes");
        }

        // The client opens no more streams; those in flight finish, and the client closes the connection.
    }

    private void OnWindowUpdate(in Http2FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        if (header.Length != 4)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "a WINDOW_UPDATE frame is not 4 bytes long");
        }

        var increment = (int)(ReadUInt32(payload) & 0x7FFF_FFFF);
        lock (_output.Sync)
        {
            if (header.StreamId == 0)
            {
                if (increment == 0)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "a WINDOW_UPDATE of 0 on the connection");
                }

                if (!_sendWindow.TryGrow(increment))
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "WINDOW_UPDATE takes the connection's window past 2^31 - 1");
                }

                ResumeBlockedLocked();
                return;
            }

            if (!_streams.TryGetValue(header.StreamId, out var stream))
            {
                OnFrameForClosedStream(header, Http2FrameType.WindowUpdate);
                return;
            }

            var receipt = Http2StreamStates.OnReceive(stream.State, Http2FrameType.WindowUpdate, endStream: false);
            if (!receipt.Accepted)
            {
                OnRejected(stream, receipt, "WINDOW_UPDATE");
                return;
            }

            if (increment == 0)
            {
                ResetStreamLocked(stream, Http2ErrorCode.ProtocolError, "a WINDOW_UPDATE of 0");
                return;
            }

            if (!stream.SendWindow.TryGrow(increment))
            {
                ResetStreamLocked(stream, Http2ErrorCode.FlowControlError, "WINDOW_UPDATE takes the stream's window past 2^31 - 1");
                return;
            }

            if (stream.Blocked && TrySendLocked(stream))
            {
                stream.CompleteWaiter();
            }
        }
    }

    /// <summary>A frame for a stream not (or no longer) in the table: idle (a connection error) or closed (its receipt decides).</summary>
    private void OnFrameForClosedStream(in Http2FrameHeader header, Http2FrameType type)
    {
        if (header.StreamId > _lastStreamId)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{type} on an idle stream");
        }

        var receipt = Http2StreamStates.OnReceive(ClosedState(header.StreamId, type), type, header.IsEndStream);
        if (receipt.Error == Http2ErrorCode.NoError)
        {
            return;
        }

        if (receipt.ConnectionError)
        {
            throw new Http2ConnectionException(receipt.Error, $"{type} on a closed stream");
        }

        WriteRstLocked(header.StreamId, receipt.Error);
    }

    private void OnRejected(Http2Stream stream, in Http2Receipt receipt, string frame)
    {
        if (receipt.Ignore)
        {
            return;
        }

        if (receipt.ConnectionError)
        {
            throw new Http2ConnectionException(receipt.Error, $"{frame} not allowed in stream state {stream.State}");
        }

        ResetStreamLocked(stream, receipt.Error, $"{frame} not allowed in stream state {stream.State}");
    }

    private static void RequireStream(in Http2FrameHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"a {header.Type} frame on stream 0");
        }
    }

    private static uint ReadUInt32(in ReadOnlySequence<byte> payload)
    {
        Span<byte> bytes = stackalloc byte[4];
        payload.Slice(0, 4).CopyTo(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>Takes header fields nobody will see, so the HPACK table stays in step.</summary>
    private sealed class DiscardingSink : IHpackHeaderSink
    {
        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
        }
    }
}
