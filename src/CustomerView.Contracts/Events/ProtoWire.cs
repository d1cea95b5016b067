namespace CustomerView.Contracts.Events;

/// <summary>
/// Reads the protobuf wire format in place, for the decoder's fast path. Accepts only the plain encoding a protobuf
/// serializer writes for the fields it knows (one-byte tags, varints of at most ten bytes, lengths within the input);
/// anything else reads as false, and the caller hands the record to the general parser, which decides.
/// </summary>
internal ref struct ProtoWire(ReadOnlySpan<byte> data)
{
    /// <summary>Wire type of a varint field.</summary>
    public const int Varint = 0;

    /// <summary>Wire type of a length-delimited field (strings, bytes, messages).</summary>
    public const int LengthDelimited = 2;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads a tag of a field numbered 1 to 15.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        var tag = _data[_position];
        field = tag >> 3;
        wireType = tag & 7;
        if (tag >= 0x80 || field == 0)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Reads a varint, as protobuf's 64-bit readers do.</summary>
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                return false;
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the bytes of a length-delimited field.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_data.Length - _position))
        {
            return false;
        }

        bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>Reads a Timestamp or Duration message: seconds (field 1) and nanos (field 2), each at most once.</summary>
    public static bool TryReadSecondsAndNanos(ReadOnlySpan<byte> message, out long seconds, out int nanos)
    {
        seconds = 0;
        nanos = 0;
        var reader = new ProtoWire(message);
        var seen = 0;
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || wireType != Varint || field > 2 || (seen & (1 << field)) != 0
                || !reader.TryReadVarint(out var value))
            {
                return false;
            }

            seen |= 1 << field;
            if (field == 1)
            {
                seconds = (long)value;
            }
            else
            {
                nanos = (int)value;
            }
        }

        return true;
    }
}
