using System.IO.Pipelines;

namespace CustomerView.Http2.Server;

/// <summary>
/// The response body as the application writes it: into the stream's buffer, sent as DATA frames when flushed or when
/// the response ends. A flush completes when the peer's windows let everything go; writing while a flush waits is an
/// error, as PipeWriter's contract has it.
/// </summary>
internal sealed class Http2ResponseBodyWriter : PipeWriter
{
    private readonly Http2Stream _stream;
    private bool _completed;
    private bool _flushing;

    public Http2ResponseBodyWriter(Http2Stream stream) => _stream = stream;

    /// <inheritdoc />
    public override bool CanGetUnflushedBytes => true;

    /// <inheritdoc />
    public override long UnflushedBytes => _stream.ResponseBody.Length;

    /// <summary>Readies the writer for a new response.</summary>
    public void Reset()
    {
        _completed = false;
        _flushing = false;
    }

    /// <inheritdoc />
    public override void Advance(int bytes)
    {
        EnsureWritable();
        _stream.ResponseBody.Advance(bytes);
    }

    /// <inheritdoc />
    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureWritable();
        return _stream.ResponseBody.GetMemory(sizeHint);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureWritable();
        return _stream.ResponseBody.GetSpan(sizeHint);
    }

    /// <summary>Appends <paramref name="data"/> by reference (<see cref="IHttp2ResponseBodyReferenceFeature"/>).</summary>
    public bool TryAppendReference(ReadOnlyMemory<byte> data) => !_completed && !_flushing && _stream.ResponseBody.TryAppendReference(data);

    /// <inheritdoc />
    public override void CancelPendingFlush() => _stream.Connection.CancelFlush(_stream);

    /// <inheritdoc />
    public override void Complete(Exception? exception = null) => _completed = true;

    /// <inheritdoc />
    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        _completed = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        _flushing = true;
        var flush = _stream.FlushResponseAsync(cancellationToken);
        if (flush.IsCompleted)
        {
            _flushing = false;
            return flush;
        }

        return FlushSlowAsync(flush);
    }

    private async ValueTask<FlushResult> FlushSlowAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            return await flush.ConfigureAwait(false);
        }
        finally
        {
            _flushing = false;
        }
    }

    private void EnsureWritable()
    {
        if (_completed)
        {
            ThrowHelper.ThrowInvalidOperation("The response body writer was completed.");
        }

        if (_flushing)
        {
            ThrowHelper.ThrowInvalidOperation("The response body is written while a flush waits for the peer's window.");
        }
    }
}
