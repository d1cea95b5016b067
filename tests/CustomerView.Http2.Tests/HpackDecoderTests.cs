using CustomerView.Http2.Hpack;

namespace CustomerView.Http2.Tests;

/// <summary>RFC 7541's examples (Appendix C) and the decoder's errors.</summary>
public sealed class HpackDecoderTests
{
    [Fact]
    public void Decode_AddsTheField_WhenALiteralIsIndexed()
    {
        var decoder = new HpackDecoder();

        var fields = RecordingSink.Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");

        Assert.Equal([("custom-key", "custom-header")], fields);
        Assert.Equal(55, decoder.TableSize);
    }

    [Fact]
    public void Decode_LeavesTheTableAlone_WhenALiteralIsNotIndexedOrNeverIndexed()
    {
        var decoder = new HpackDecoder();

        Assert.Equal([(":path", "/sample/path")], RecordingSink.Decode(decoder, "040c 2f73 616d 706c 652f 7061 7468"));
        Assert.Equal([("password", "secret")], RecordingSink.Decode(decoder, "1008 7061 7373 776f 7264 0673 6563 7265 74"));
        Assert.Equal(0, decoder.TableCount);
    }

    [Fact]
    public void Decode_ReadsTheStaticTable_WhenAFieldIsIndexed()
    {
        Assert.Equal([(":method", "GET")], RecordingSink.Decode(new HpackDecoder(), "82"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_KeepsTheDynamicTableAcrossBlocks_WhenRequestsReuseFields(bool huffman)
    {
        // RFC 7541 C.3 (literals) and C.4 (the same requests, Huffman-coded).
        string[] blocks = huffman
            ? ["8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", "8286 84be 5886 a8eb 1064 9cbf", "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"]
            : ["8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", "8286 84be 5808 6e6f 2d63 6163 6865", "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"];
        var decoder = new HpackDecoder();

        Assert.Equal([(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")], RecordingSink.Decode(decoder, blocks[0]));
        Assert.Equal(57, decoder.TableSize);
        Assert.Equal(
            [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"), ("cache-control", "no-cache")],
            RecordingSink.Decode(decoder, blocks[1]));
        Assert.Equal(110, decoder.TableSize);
        Assert.Equal(
            [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")],
            RecordingSink.Decode(decoder, blocks[2]));
        Assert.Equal(164, decoder.TableSize);
        Assert.Equal(3, decoder.TableCount);
    }

    [Fact]
    public void Decode_EvictsTheOldestEntries_WhenTheTableIsFull()
    {
        // RFC 7541 C.5: responses with a 256-byte table; the second evicts ":status 302" for ":status 307".
        var decoder = new HpackDecoder(maxTableSize: 256);
        var first = RecordingSink.Decode(decoder,
            "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d");
        Assert.Equal(222, decoder.TableSize);

        var second = RecordingSink.Decode(decoder, "4803 3330 37c1 c0bf");

        Assert.Equal([(":status", "302"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")], first);
        Assert.Equal([(":status", "307"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")], second);
        Assert.Equal(222, decoder.TableSize);
        Assert.Equal(4, decoder.TableCount);
    }

    [Fact]
    public void Decode_EmptiesTheTable_WhenASizeUpdateAsksForZero()
    {
        var decoder = new HpackDecoder();
        RecordingSink.Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");

        Assert.Equal([(":method", "GET")], RecordingSink.Decode(decoder, "20 82"));
        Assert.Equal(0, decoder.TableCount);
        Assert.Throws<HpackException>(() => decoder.Decode(Convert.FromHexString("be"), new RecordingSink()));
    }

    [Fact]
    public void Decode_EvictsAndIndexesInOrder_WhenHuffmanCodedResponsesFillTheTable()
    {
        // RFC 7541 C.6.1 and C.6.2: C.5's responses, Huffman-coded.
        var decoder = new HpackDecoder(maxTableSize: 256);
        var first = RecordingSink.Decode(decoder,
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3");
        var second = RecordingSink.Decode(decoder, "4883 640e ff c1 c0 bf");

        Assert.Equal([(":status", "302"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")], first);
        Assert.Equal([(":status", "307"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")], second);
        Assert.Equal(222, decoder.TableSize);
    }

    [Fact]
    public void Decode_KeepsTheName_WhenTheEntryItNamesIsEvictedByTheNewOne()
    {
        var decoder = new HpackDecoder(maxTableSize: 64);
        RecordingSink.Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");

        var fields = RecordingSink.Decode(decoder, "7e01 78");

        Assert.Equal([("custom-key", "x")], fields);
        Assert.Equal(43, decoder.TableSize);
        Assert.Equal(1, decoder.TableCount);
    }

    [Fact]
    public void Decode_FindsEveryEntry_WhenTheTableHoldsMoreThanItsFirstRing()
    {
        var decoder = new HpackDecoder();
        for (var i = 0; i < 40; i++)
        {
            RecordingSink.Decode(decoder, "40 01" + Convert.ToHexStringLower([(byte)('a' + (i % 26))]) + " 02" + Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(40, decoder.TableCount);
        for (var i = 0; i < 40; i++)
        {
            var index = HpackStaticTable.Count + 40 - i;
            var block = new byte[HpackInteger.Length(index, 7)];
            HpackInteger.Write(block, index, 7, 0x80);
            var sink = new RecordingSink();
            Assert.True(decoder.Decode(block, sink));
            Assert.Equal([(((char)('a' + (i % 26))).ToString(), i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))], sink.Fields);
        }
    }

    [Fact]
    public void Decode_AcceptsSizeUpdatesUpToTheLimit_WhenTheyOpenTheBlock()
    {
        var decoder = new HpackDecoder();

        Assert.Equal([(":method", "GET")], RecordingSink.Decode(decoder, "20 3fe11f 82"));
    }

    [Fact]
    public void Decode_RequiresASizeUpdate_AfterTheTableSizeIsLowered()
    {
        var decoder = new HpackDecoder();
        RecordingSink.Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        decoder.LimitTableSize(0);

        var error = Assert.Throws<HpackException>(() => decoder.Decode(Convert.FromHexString("82"), new RecordingSink()));
        Assert.Contains("does not start with the dynamic table size update", error.Message, StringComparison.Ordinal);
        Assert.Equal([(":method", "GET")], RecordingSink.Decode(decoder, "20 82"));
        Assert.Equal(0, decoder.TableCount);
        Assert.Throws<HpackException>(() => decoder.Decode(Convert.FromHexString("21"), new RecordingSink()));
    }

    [Theory]
    [InlineData("80", "index 0")]
    [InlineData("be", "past the dynamic table")]
    [InlineData("ff80808080 08", "exceeds")]
    [InlineData("ff808080808080808080 01", "exceeds")]
    [InlineData("ff80", "ends inside an integer")]
    [InlineData("0004 6162", "runs past the end")]
    [InlineData("04", "ends before a string literal")]
    [InlineData("3fe21f", "above the announced")]
    [InlineData("82 20", "after a header field")]
    [InlineData("0081ff 00", "padding")]
    [InlineData("0084ffffffff 00", "end-of-string symbol")]
    [InlineData("0081 00 00", "padding")]
    public void Decode_Throws_WhenTheBlockIsMalformed(string hex, string reason)
    {
        var error = Assert.Throws<HpackException>(() => new HpackDecoder().Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), new RecordingSink()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_StillIndexesTheFieldsPastTheLimit_WhenTheHeaderListIsTooLarge()
    {
        var decoder = new HpackDecoder(maxHeaderListSize: 60);
        var sink = new RecordingSink();

        var withinLimit = decoder.Decode(
            Convert.FromHexString("82" + "400a637573746f6d2d6b65790d637573746f6d2d686561646572"),
            sink);

        Assert.False(withinLimit);
        Assert.Equal([(":method", "GET")], sink.Fields);
        Assert.Equal(1, decoder.TableCount);
        Assert.Equal([("custom-key", "custom-header")], RecordingSink.Decode(decoder, "be"));
    }
}
