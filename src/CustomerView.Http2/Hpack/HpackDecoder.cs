namespace CustomerView.Http2.Hpack;

/// <summary>
/// Decodes one connection's header blocks (RFC 7541 §3, §6), keeping its dynamic table across them. Fields go to an
/// <see cref="IHpackHeaderSink"/> as they are read; Huffman-coded strings are decoded into buffers the decoder keeps.
/// </summary>
/// <remarks>
/// A block that cannot be decoded throws <see cref="HpackException"/>: HTTP/2 then ends the connection
/// (COMPRESSION_ERROR), since the two tables may disagree. A block whose fields add up to more than the header-list
/// limit is still decoded to its end, so the table stays in step with the peer's, but fields past the limit are not
/// delivered and <see cref="Decode"/> returns <see langword="false"/>: a stream error, not a connection one. Fields
/// are delivered without their representation (a never-indexed field looks like any other), and names as they came:
/// HTTP/2's rules on them (lower case, pseudo-headers first) are the caller's to check.
/// </remarks>
internal sealed class HpackDecoder
{
    private readonly HpackDynamicTable _table;
    private readonly int _maxHeaderListSize;
    private byte[] _name = new byte[64];
    private byte[] _value = new byte[256];
    private bool _sizeUpdateDue;

    /// <summary>
    /// Creates a decoder whose dynamic table may grow to <paramref name="maxTableSize"/> bytes and which delivers
    /// header lists of up to <paramref name="maxHeaderListSize"/> bytes (names, values and 32 bytes a field, as
    /// SETTINGS_MAX_HEADER_LIST_SIZE counts). A connection's decoder starts at the protocol's 4,096 bytes: the peer may
    /// send header blocks before it has this end's SETTINGS, and a smaller limit takes effect through
    /// <see cref="LimitTableSize"/> once the peer acknowledges them.
    /// </summary>
    public HpackDecoder(int maxTableSize = 4096, int maxHeaderListSize = 16 * 1024)
    {
        MaxTableSize = maxTableSize;
        _maxHeaderListSize = maxHeaderListSize;
        _table = new HpackDynamicTable(maxTableSize);
    }

    /// <summary>The most a dynamic table size update may ask for (the SETTINGS_HEADER_TABLE_SIZE in force).</summary>
    public int MaxTableSize { get; private set; }

    /// <summary>
    /// Applies a SETTINGS_HEADER_TABLE_SIZE of <paramref name="maxTableSize"/> that the peer has acknowledged. When it is
    /// below the table's current limit, the peer's next header block must start with a size update within it
    /// (RFC 7541 §4.2), and a block that does not is an error.
    /// </summary>
    public void LimitTableSize(int maxTableSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTableSize);
        _sizeUpdateDue = maxTableSize < _table.MaxSize;
        MaxTableSize = maxTableSize;
    }

    /// <summary>The dynamic table's current size in bytes, as RFC 7541 §4.1 counts it.</summary>
    public int TableSize => _table.Size;

    /// <summary>The dynamic table's entries.</summary>
    public int TableCount => _table.Count;

    /// <summary>
    /// Decodes a whole header block (a HEADERS frame's fragment and its CONTINUATION frames', joined), handing each
    /// field to <paramref name="sink"/>. Returns <see langword="false"/> when the fields exceeded the header-list limit
    /// (those past it were not delivered).
    /// </summary>
    /// <exception cref="HpackException">The block is malformed.</exception>
    public bool Decode(ReadOnlySpan<byte> block, IHpackHeaderSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var position = 0;
        var listSize = 0;
        var fieldSeen = false;
        if (_sizeUpdateDue && (block.Length == 0 || (block[0] & 0xE0) != 0x20))
        {
            ThrowHelper.Compression("a header block does not start with the dynamic table size update a lower SETTINGS_HEADER_TABLE_SIZE requires");
        }

        _sizeUpdateDue = false;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                var (name, value) = Entry(HpackInteger.Read(block, ref position, 7));
                Deliver(sink, name, value, ref listSize);
            }
            else if ((first & 0xE0) == 0x20)
            {
                if (fieldSeen)
                {
                    ThrowHelper.Compression("a dynamic table size update after a header field");
                }

                var size = HpackInteger.Read(block, ref position, 5);
                if (size > MaxTableSize)
                {
                    ThrowHelper.Compression("a dynamic table size update above the announced SETTINGS_HEADER_TABLE_SIZE");
                }

                _table.Resize(size);
                continue;
            }
            else
            {
                // 01: with incremental indexing (6-bit name index); 0000 without, 0001 never indexed (4 bits).
                var indexing = (first & 0x40) != 0;
                var nameIndex = HpackInteger.Read(block, ref position, indexing ? 6 : 4);
                var name = nameIndex == 0 ? ReadString(block, ref position, ref _name) : Entry(nameIndex).Name;
                var value = ReadString(block, ref position, ref _value);
                Deliver(sink, name, value, ref listSize);
                if (indexing)
                {
                    _table.Add(name, value);
                }
            }

            fieldSeen = true;
        }

        return listSize <= _maxHeaderListSize;
    }

    private void Deliver(IHpackHeaderSink sink, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref int listSize)
    {
        var within = listSize <= _maxHeaderListSize;
        listSize = (int)Math.Min(int.MaxValue, (long)listSize + name.Length + value.Length + HpackDynamicTable.EntryOverhead);
        if (within && listSize <= _maxHeaderListSize)
        {
            sink.OnHeader(name, value);
        }
    }

    private (byte[] Name, byte[] Value) Entry(int index)
    {
        if (index == 0)
        {
            ThrowHelper.Compression("a header field refers to index 0");
        }

        if (index <= HpackStaticTable.Count)
        {
            return HpackStaticTable.Get(index);
        }

        if (index - HpackStaticTable.Count > _table.Count)
        {
            ThrowHelper.Compression("a header field refers to an index past the dynamic table");
        }

        return _table[index - HpackStaticTable.Count - 1];
    }

    /// <summary>Reads a string literal (RFC 7541 §5.2); a Huffman-coded one is decoded into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> block, ref int position, ref byte[] buffer)
    {
        if (position >= block.Length)
        {
            ThrowHelper.Compression("a header block ends before a string literal");
        }

        var huffman = (block[position] & 0x80) != 0;
        var length = HpackInteger.Read(block, ref position, 7);
        if (length > block.Length - position)
        {
            ThrowHelper.Compression("a string literal runs past the end of its header block");
        }

        var raw = block.Slice(position, length);
        position += length;
        if (!huffman)
        {
            return raw;
        }

        var most = HpackHuffman.MaxDecodedLength(length);
        if (buffer.Length < most)
        {
            buffer = new byte[Math.Max(most, buffer.Length * 2)];
        }

        var written = HpackHuffman.Decode(raw, buffer);
        return buffer.AsSpan(0, written);
    }
}
