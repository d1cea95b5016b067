using System.Buffers;
using System.IO.Pipelines;

namespace CustomerView.Http2.Server;

/// <summary>
/// One of <see cref="Http2Output"/>'s buffers: frames written into pooled memory, with pieces of the applications'
/// memory spliced in between by reference (<see cref="Append"/>), so a large response body is copied once, into the
/// transport, instead of into this buffer first. Not thread-safe; the output's lock guards it.
/// </summary>
internal sealed class Http2OutputBuffer : IBufferWriter<byte>
{
    /// <summary>Pieces shorter than this are copied: a splice costs a write of its own to the transport.</summary>
    public const int MinSpliceLength = 1024;

    private readonly Http2Buffer _buffer = new();
    private readonly List<(int Position, ReadOnlyMemory<byte> Data)> _splices = [];
    private int _splicedLength;

    /// <summary>Bytes written and spliced, not yet written to the transport.</summary>
    public int Length => _buffer.Length + _splicedLength;

    /// <inheritdoc />
    public void Advance(int count) => _buffer.Advance(count);

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);

    /// <summary>Appends a copy of <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data) => _buffer.Write(data);

    /// <summary>
    /// Appends <paramref name="data"/>: by reference when it is at least <see cref="MinSpliceLength"/> bytes (it must
    /// not change until <see cref="WriteTo"/> or <see cref="Release"/>), copied otherwise.
    /// </summary>
    public void Append(ReadOnlyMemory<byte> data)
    {
        if (data.Length < MinSpliceLength)
        {
            _buffer.Write(data.Span);
            return;
        }

        _splices.Add((_buffer.Length, data));
        _splicedLength += data.Length;
    }

    /// <summary>Writes everything to <paramref name="transport"/>, the spliced pieces where they were appended, and empties the buffer.</summary>
    public void WriteTo(PipeWriter transport)
    {
        var written = _buffer.Written;
        var from = 0;
        foreach (var (position, data) in _splices)
        {
            if (position > from)
            {
                transport.Write(written[from..position]);
            }

            transport.Write(data.Span);
            from = position;
        }

        if (written.Length > from)
        {
            transport.Write(written[from..]);
        }

        Clear();
    }

    /// <summary>Empties the buffer and gives its array back to the pool.</summary>
    public void Release()
    {
        _buffer.Release();
        _splices.Clear();
        _splicedLength = 0;
    }

    private void Clear()
    {
        _buffer.Take(_buffer.Length);
        _splices.Clear();
        _splicedLength = 0;
    }
}
