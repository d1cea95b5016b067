namespace CustomerView.Http2.Hpack;

/// <summary>
/// HPACK's Huffman code (RFC 7541, Appendix B). The code is canonical: each symbol's code follows from the code lengths
/// alone (codes of one length are consecutive, in symbol order, and each length starts where the shorter ones left
/// off), so the table here is the 257 lengths, and the codes are rebuilt from them at start.
/// </summary>
internal static class HpackHuffman
{
    /// <summary>The end-of-string symbol: never valid inside a string, and its prefix pads the last byte.</summary>
    public const int EndOfString = 256;

    private const int MaxLength = 30;

    private static readonly byte[] Lengths =
    [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ];

    private static readonly uint[] Codes = new uint[Lengths.Length];
    private static readonly uint[] FirstCode = new uint[MaxLength + 1];
    private static readonly int[] CountOfLength = new int[MaxLength + 1];
    private static readonly int[] FirstIndex = new int[MaxLength + 1];
    private static readonly short[] SymbolsByCode = new short[Lengths.Length];

    // Codes of up to FastBits bits by their first FastBits bits: the symbol << 8 | the length; 0 for a longer code.
    private const int FastBits = 8;
    private static readonly int[] FastTable = new int[1 << FastBits];

    // Per length, the first left-aligned (MaxLength-bit) value past that length's codes.
    private static readonly uint[] LimitLeftAligned = new uint[MaxLength + 1];

#pragma warning disable CA1810 // the tables are built together, in one pass over the lengths
    static HpackHuffman()
#pragma warning restore CA1810
    {
        for (var symbol = 0; symbol < Lengths.Length; symbol++)
        {
            CountOfLength[Lengths[symbol]]++;
        }

        uint code = 0;
        var index = 0;
        for (var length = 1; length <= MaxLength; length++)
        {
            FirstCode[length] = code;
            FirstIndex[length] = index;
            index += CountOfLength[length];
            code = (code + (uint)CountOfLength[length]) << 1;
        }

        var next = new int[MaxLength + 1];
        for (var symbol = 0; symbol < Lengths.Length; symbol++)
        {
            var length = Lengths[symbol];
            Codes[symbol] = FirstCode[length] + (uint)next[length];
            SymbolsByCode[FirstIndex[length] + next[length]] = (short)symbol;
            next[length]++;
            if (length <= FastBits)
            {
                var first = (int)(Codes[symbol] << (FastBits - length));
                for (var fill = 0; fill < 1 << (FastBits - length); fill++)
                {
                    FastTable[first + fill] = (symbol << 8) | length;
                }
            }
        }

        for (var length = 1; length <= MaxLength; length++)
        {
            LimitLeftAligned[length] = (uint)((FirstCode[length] + (ulong)CountOfLength[length]) << (MaxLength - length));
        }
    }

    /// <summary>Each symbol's code length, for tests that check the decoder against one of their own.</summary>
    internal static ReadOnlySpan<byte> CodeLengths => Lengths;

    /// <summary>Each symbol's code, right-aligned, for tests that check the decoder against one of their own.</summary>
    internal static ReadOnlySpan<uint> SymbolCodes => Codes;

    /// <summary>The most bytes <paramref name="encodedLength"/> bytes of Huffman code can decode to (the shortest code is 5 bits).</summary>
    public static int MaxDecodedLength(int encodedLength) => (int)(((long)encodedLength * 8) / 5);

    /// <summary>How many bytes <paramref name="source"/> takes Huffman-encoded.</summary>
    public static int EncodedLength(ReadOnlySpan<byte> source)
    {
        long bits = 0;
        foreach (var b in source)
        {
            bits += Lengths[b];
        }

        return (int)((bits + 7) >> 3);
    }

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="EncodedLength"/> bytes); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ulong pending = 0;
        var pendingBits = 0;
        var written = 0;
        foreach (var b in source)
        {
            pending = (pending << Lengths[b]) | Codes[b];
            pendingBits += Lengths[b];
            while (pendingBits >= 8)
            {
                pendingBits -= 8;
                destination[written++] = (byte)(pending >> pendingBits);
            }
        }

        if (pendingBits > 0)
        {
            // Pad with the most significant bits of the end-of-string code: all ones.
            destination[written++] = (byte)((pending << (8 - pendingBits)) | (0xFFu >> pendingBits));
        }

        return written;
    }

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="MaxDecodedLength"/>
    /// bytes); returns the bytes written. A symbol at a time, not a bit: its code's first 8 bits look it up in a table
    /// when the code is no longer (most of the visible ASCII is 5 to 8 bits); a longer one's length is where its next 30
    /// bits, left-aligned, fall among the lengths' limits (the code is canonical: a longer code is greater, left-aligned).
    /// </summary>
    /// <exception cref="HpackException">The code holds the end-of-string symbol, or its padding is longer than 7 bits or not all ones.</exception>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ulong bits = 0;
        var count = 0;
        var next = 0;
        var written = 0;
        while (true)
        {
            while (count <= 56 && next < source.Length)
            {
                bits |= (ulong)source[next++] << (56 - count);
                count += 8;
            }

            if (count == 0)
            {
                return written;
            }

            // Past the end, the bits read as ones: the end-of-string prefix that pads the last byte.
            var window = count >= MaxLength ? bits : bits | (ulong.MaxValue >> count);
            var fast = FastTable[(int)(window >> 56)];
            int symbol;
            int length;
            if (fast != 0)
            {
                symbol = fast >> 8;
                length = fast & 0xFF;
            }
            else
            {
                var code = (uint)(window >> (64 - MaxLength));
                length = FastBits + 1;
                while (code >= LimitLeftAligned[length])
                {
                    length++;
                }

                symbol = SymbolsByCode[FirstIndex[length] + (int)((code >> (MaxLength - length)) - FirstCode[length])];
            }

            if (length > count)
            {
                // What is left is shorter than the code it starts: it must be padding.
                if (count > 7 || (bits >> (64 - count)) != (1ul << count) - 1)
                {
                    ThrowHelper.Compression("a Huffman-coded string's padding is longer than 7 bits or not the end-of-string prefix");
                }

                return written;
            }

            if (symbol == EndOfString)
            {
                ThrowHelper.Compression("a Huffman-coded string holds the end-of-string symbol");
            }

            destination[written++] = (byte)symbol;
            bits <<= length;
            count -= length;
        }
    }
}
