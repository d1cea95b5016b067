using System.Buffers;

namespace CustomerView.Http2.Hpack;

/// <summary>
/// Writes header fields (RFC 7541 §6) without adding to the dynamic table: static-table references and literals
/// without indexing, so the encoder keeps no state. The peer's table size still matters once: when the peer lowers
/// SETTINGS_HEADER_TABLE_SIZE, the next header block must start with <see cref="WriteSizeUpdate"/> (RFC 7541 §4.2);
/// an empty table (size 0) is always within its limit. Strings are Huffman-coded when that is shorter.
/// </summary>
internal static class HpackEncoder
{
    /// <summary>Writes a dynamic table size update (RFC 7541 §6.3); only at the start of a header block.</summary>
    public static void WriteSizeUpdate(IBufferWriter<byte> output, int size)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var span = output.GetSpan(HpackInteger.Length(size, 5));
        output.Advance(HpackInteger.Write(span, size, 5, 0x20));
    }

    /// <summary>Writes a reference to static-table entry <paramref name="index"/> (name and value).</summary>
    public static void WriteIndexed(IBufferWriter<byte> output, int index)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckStaticIndex(index);
        var span = output.GetSpan(HpackInteger.Length(index, 7));
        output.Advance(HpackInteger.Write(span, index, 7, 0x80));
    }

    /// <summary>Writes a literal field without indexing whose name is static-table entry <paramref name="nameIndex"/>'s.</summary>
    public static void WriteLiteral(IBufferWriter<byte> output, int nameIndex, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckStaticIndex(nameIndex);
        var span = output.GetSpan(HpackInteger.Length(nameIndex, 4));
        output.Advance(HpackInteger.Write(span, nameIndex, 4, 0x00));
        WriteString(output, value);
    }

    /// <summary>Writes a literal field without indexing with a literal (lower-case) name.</summary>
    public static void WriteLiteral(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(1);
        span[0] = 0x00;
        output.Advance(1);
        WriteString(output, name);
        WriteString(output, value);
    }

    /// <summary>Writes a string literal (RFC 7541 §5.2), Huffman-coded when that is shorter.</summary>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var huffmanLength = HpackHuffman.EncodedLength(value);
        var huffman = huffmanLength < value.Length;
        var length = huffman ? huffmanLength : value.Length;
        var span = output.GetSpan(HpackInteger.Length(length, 7) + length);
        var written = HpackInteger.Write(span, length, 7, huffman ? (byte)0x80 : (byte)0x00);
        written += huffman ? HpackHuffman.Encode(value, span[written..]) : Copy(value, span[written..]);
        output.Advance(written);
    }

    private static void CheckStaticIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, HpackStaticTable.Count);
    }

    private static int Copy(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        value.CopyTo(destination);
        return value.Length;
    }
}
