namespace CustomerView.Http2.Hpack;

/// <summary>HPACK's prefixed integers (RFC 7541 §5.1).</summary>
internal static class HpackInteger
{
    /// <summary>
    /// Reads an integer whose first <paramref name="prefixBits"/> bits end the byte at <paramref name="position"/>, and
    /// moves <paramref name="position"/> past it.
    /// </summary>
    /// <exception cref="HpackException">The block ends inside the integer, or it exceeds 2³¹ − 1.</exception>
    public static int Read(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[position++] & max;
        if (value < max)
        {
            return value;
        }

        long total = value;
        var shift = 0;
        while (true)
        {
            if (position >= block.Length)
            {
                ThrowHelper.Compression("a header block ends inside an integer");
            }

            if (shift > 28)
            {
                // Five continuation bytes carry 35 bits, more than any valid value; a sixth would also shift past a long.
                ThrowHelper.Compression("an integer in a header block exceeds 2^31 - 1");
            }

            var b = block[position++];
            total += (long)(b & 0x7F) << shift;
            if (total > int.MaxValue)
            {
                ThrowHelper.Compression("an integer in a header block exceeds 2^31 - 1");
            }

            if ((b & 0x80) == 0)
            {
                return (int)total;
            }

            shift += 7;
        }
    }

    /// <summary>The bytes <see cref="Write"/> takes for <paramref name="value"/> after a <paramref name="prefixBits"/>-bit prefix.</summary>
    public static int Length(int value, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            return 1;
        }

        var length = 1;
        for (var rest = value - max; ; rest >>= 7)
        {
            length++;
            if (rest < 0x80)
            {
                return length;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> with a <paramref name="prefixBits"/>-bit prefix, the byte's other bits being
    /// <paramref name="flags"/>; returns the bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            destination[0] = (byte)(flags | value);
            return 1;
        }

        destination[0] = (byte)(flags | max);
        var written = 1;
        var rest = value - max;
        while (rest >= 0x80)
        {
            destination[written++] = (byte)((rest & 0x7F) | 0x80);
            rest >>= 7;
        }

        destination[written++] = (byte)rest;
        return written;
    }
}
