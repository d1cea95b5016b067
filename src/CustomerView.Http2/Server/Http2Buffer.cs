using System.Buffers;

namespace CustomerView.Http2.Server;

/// <summary>
/// A growable byte buffer on <see cref="ArrayPool{T}.Shared"/>: written at the end, taken from the start. Not
/// thread-safe; its owner guards it.
/// </summary>
internal sealed class Http2Buffer : IBufferWriter<byte>
{
    private byte[] _array = [];
    private int _start;
    private int _end;

    /// <summary>Bytes written and not yet taken.</summary>
    public int Length => _end - _start;

    /// <summary>The bytes written and not yet taken.</summary>
    public ReadOnlySpan<byte> Written => _array.AsSpan(_start, _end - _start);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _end);
        _end += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_end);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_end);
    }

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        _end += data.Length;
    }

    /// <summary>Takes <paramref name="count"/> bytes off the start.</summary>
    public void Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Length);
        _start += count;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
    }

    /// <summary>Empties the buffer and gives its array back to the pool.</summary>
    public void Release()
    {
        var array = _array;
        _array = [];
        _start = 0;
        _end = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _end >= needed)
        {
            return;
        }

        var length = _end - _start;
        if (_start > 0 && _array.Length - length >= needed && length <= _array.Length / 2)
        {
            _array.AsSpan(_start, length).CopyTo(_array);
            _start = 0;
            _end = length;
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(length + needed, Math.Max(_array.Length * 2, 256)));
        _array.AsSpan(_start, length).CopyTo(grown);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = grown;
        _start = 0;
        _end = length;
    }
}
