using System.Buffers;
using System.IO.Pipelines;

namespace CustomerView.Http2.Server;

/// <summary>
/// The request body as the application reads it: the stream's pipe, counting the bytes the application has examined
/// so the stream's receive window reopens as it reads (a gRPC message longer than what has arrived is examined, not
/// consumed, until the rest comes, so examined bytes are what count, as in Kestrel).
/// </summary>
internal sealed class Http2RequestBodyReader : PipeReader
{
    private readonly Http2Stream _stream;
    private readonly PipeReader _inner;
    private ReadOnlySequence<byte> _last;
    private long _reported;

    public Http2RequestBodyReader(Http2Stream stream, PipeReader inner)
    {
        _stream = stream;
        _inner = inner;
    }

    /// <summary>Forgets the last read for a new request.</summary>
    public void Reset()
    {
        _last = default;
        _reported = 0;
    }

    /// <inheritdoc />
    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    /// <inheritdoc />
    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var examinedLength = _last.Slice(_last.Start, examined).Length;
        var consumedLength = _last.Slice(_last.Start, consumed).Length;
        _inner.AdvanceTo(consumed, examined);
        if (examinedLength > _reported)
        {
            _stream.OnBodyConsumed((int)(examinedLength - _reported));
            _reported = examinedLength;
        }

        _reported -= consumedLength;
        _last = default;
    }

    /// <inheritdoc />
    public override void CancelPendingRead() => _inner.CancelPendingRead();

    /// <inheritdoc />
    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    /// <inheritdoc />
    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = _inner.ReadAsync(cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            _last = read.Result.Buffer;
            return read;
        }

        return ReadSlowAsync(read);
    }

    /// <inheritdoc />
    public override bool TryRead(out ReadResult result)
    {
        if (!_inner.TryRead(out result))
        {
            return false;
        }

        _last = result.Buffer;
        return true;
    }

    private async ValueTask<ReadResult> ReadSlowAsync(ValueTask<ReadResult> read)
    {
        var result = await read.ConfigureAwait(false);
        _last = result.Buffer;
        return result;
    }
}
