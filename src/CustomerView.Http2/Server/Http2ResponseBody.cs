using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Server;

/// <summary>
/// A stream's response body not yet sent: the bytes the application wrote into the stream's buffer, then at most one
/// piece of the application's own memory appended by reference (<see cref="IHttp2ResponseBodyReferenceFeature"/>),
/// which DATA frames copy straight into the connection's output. Writing after a reference first copies the reference
/// into the buffer, so the body keeps the order it was written in. Not thread-safe; its stream's rules guard it.
/// </summary>
internal sealed class Http2ResponseBody
{
    private readonly Http2Buffer _buffer = new();
    private ReadOnlyMemory<byte> _reference;
    private bool _spanOutstanding;

    /// <summary>Bytes not yet sent, the reference's included.</summary>
    public int Length => _buffer.Length + _reference.Length;

    /// <summary>Memory to write the body's next bytes into (as <c>IBufferWriter.GetMemory</c>).</summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        CopyReference();
        _spanOutstanding = true;
        return _buffer.GetMemory(sizeHint);
    }

    /// <summary>A span to write the body's next bytes into (as <c>IBufferWriter.GetSpan</c>).</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        CopyReference();
        _spanOutstanding = true;
        return _buffer.GetSpan(sizeHint);
    }

    /// <summary>Commits bytes written into the last memory or span handed out.</summary>
    public void Advance(int count)
    {
        // No reference can wait here: GetSpan and GetMemory copied it, and none is taken while their memory is out.
        _buffer.Advance(count);
        _spanOutstanding = false;
    }

    /// <summary>
    /// Appends <paramref name="data"/> by reference; false when a reference already waits or memory handed out for
    /// writing is not yet committed (then the caller writes the bytes).
    /// </summary>
    public bool TryAppendReference(ReadOnlyMemory<byte> data)
    {
        if (_reference.Length > 0 || _spanOutstanding)
        {
            return false;
        }

        _reference = data;
        return true;
    }

    /// <summary>
    /// Writes the body's first <paramref name="count"/> bytes as one DATA frame and takes them; the reference's part
    /// goes to <paramref name="output"/> by reference too when it is large enough (<see cref="Http2OutputBuffer.Append"/>).
    /// </summary>
    public void WriteDataFrame(Http2OutputBuffer output, Http2FrameFlags flags, int streamId, int count)
    {
        var fromBuffer = Math.Min(count, _buffer.Length);
        var fromReference = count - fromBuffer;
        var header = output.GetSpan(Http2FrameHeader.Size + fromBuffer);
        new Http2FrameHeader(count, Http2FrameType.Data, flags, streamId).Write(header);
        _buffer.Written[..fromBuffer].CopyTo(header[Http2FrameHeader.Size..]);
        output.Advance(Http2FrameHeader.Size + fromBuffer);
        if (fromReference > 0)
        {
            output.Append(_reference[..fromReference]);
        }

        _buffer.Take(fromBuffer);
        _reference = _reference[fromReference..];
    }

    /// <summary>Drops what was not sent.</summary>
    public void Clear()
    {
        _buffer.Take(_buffer.Length);
        _reference = default;
        _spanOutstanding = false;
    }

    /// <summary>Drops what was not sent and gives the buffer's array back to the pool.</summary>
    public void Release()
    {
        _buffer.Release();
        _reference = default;
        _spanOutstanding = false;
    }

    private void CopyReference()
    {
        if (_reference.Length > 0)
        {
            _buffer.Write(_reference.Span);
            _reference = default;
        }
    }
}
