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

    [Fact]
    public void Decode_GivesBackTheFields_AfterTheEncoderWroteThem()
    {
        var text = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var field = from name in text from value in text from index in Gen.Choose(0, 70) select (name, value, index);
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
            }

            var decoder = new HpackDecoder(maxHeaderListSize: int.MaxValue);
            var sink = new RecordingSink();
            Assert.True(decoder.Decode(output.WrittenSpan, sink));
            Assert.Equal(expected, sink.Fields);
            Assert.Equal(0, decoder.TableCount);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var sink = new RecordingSink();
        Assert.True(new HpackDecoder().Decode(block, sink));
        return sink.Fields;
    }
}
