using System.Buffers;
using System.Text;
using CustomerView.Http2.Hpack;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Http2.Tests;

public sealed class HpackEncoderTests
{
    [Fact]
    public void WriteIndexed_WritesOneByte_ForAStaticEntry()
    {
        var output = new ArrayBufferWriter<byte>();

        HpackEncoder.WriteIndexed(output, HpackStaticTable.Status200);

        Assert.Equal([0x88], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteLiteral_HuffmanCodesTheValue_WhenThatIsShorter()
    {
        var output = new ArrayBufferWriter<byte>();

        HpackEncoder.WriteLiteral(output, HpackStaticTable.ContentType, "application/grpc"u8);

        Assert.Equal("0f10" + "8b" + "1d75d0620d263d4c4d6564", Convert.ToHexStringLower(output.WrittenSpan));
        Assert.Equal([("content-type", "application/grpc")], Decode(output.WrittenSpan));
    }

    [Fact]
    public void WriteLiteral_WritesTheValueAsIs_WhenHuffmanIsNotShorter()
    {
        var output = new ArrayBufferWriter<byte>();

        HpackEncoder.WriteLiteral(output, "grpc-status"u8, "0"u8);

        Assert.Equal("00" + "88" + "9acac8b21234da8f" + "01" + "30", Convert.ToHexStringLower(output.WrittenSpan));
        Assert.Equal([("grpc-status", "0")], Decode(output.WrittenSpan));
    }

    [Theory]
    [InlineData(0, "20")]
    [InlineData(4096, "3fe11f")]
    public void WriteSizeUpdate_WritesAFiveBitPrefixedInteger_ForTheSize(int size, string hex)
    {
        var output = new ArrayBufferWriter<byte>();

        HpackEncoder.WriteSizeUpdate(output, size);

        Assert.Equal(hex, Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(62)]
    [InlineData(-1)]
    public void WriteIndexed_Throws_WhenTheIndexIsNotAStaticEntry(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HpackEncoder.WriteIndexed(new ArrayBufferWriter<byte>(), index));
        Assert.Throws<ArgumentOutOfRangeException>(() => HpackEncoder.WriteLiteral(new ArrayBufferWriter<byte>(), index, "x"u8));
    }

    [Fact]
    public void Decode_GivesBackTheFields_AfterTheEncoderWroteThem()
    {
        // Mostly printable text (where Huffman is shorter) and some arbitrary bytes, up to a few thousand bytes, so both
        // string forms and multi-byte lengths are written.
        var text = from length in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(100, 3_000)))
                   from seed in Gen.Choose(0, int.MaxValue)
                   from binary in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                   select Text(length, seed, binary);
        var field = from name in text from value in text from index in Gen.Choose(0, 70) select (name, value, index);
        var huffmanUsed = false;
        Prop.ForAll(Arb.From(Gen.ListOf(field)), fields =>
        {
            var output = new ArrayBufferWriter<byte>();
            var expected = new List<(string, string)>();
            foreach (var (name, value, index) in fields)
            {
                if (index is >= 1 and <= HpackStaticTable.Count)
                {
                    HpackEncoder.WriteLiteral(output, index, value);
                    expected.Add((Encoding.Latin1.GetString(HpackStaticTable.Get(index).Name), Encoding.Latin1.GetString(value)));
                }
                else
                {
                    HpackEncoder.WriteLiteral(output, name, value);
                    expected.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
                }

                huffmanUsed |= HpackHuffman.EncodedLength(value) < value.Length;
            }

            var decoder = new HpackDecoder(maxHeaderListSize: int.MaxValue);
            var sink = new RecordingSink();
            Assert.True(decoder.Decode(output.WrittenSpan, sink));
            Assert.Equal(expected, sink.Fields);
            Assert.Equal(0, decoder.TableCount);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
        Assert.True(huffmanUsed);
    }

    private static byte[] Text(int length, int seed, bool binary)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = binary ? (byte)random.Next(256) : (byte)random.Next(0x20, 0x7F);
        }

        return bytes;
    }

    private static List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var sink = new RecordingSink();
        Assert.True(new HpackDecoder().Decode(block, sink));
        return sink.Fields;
    }
}
