using System.Text;
using CustomerView.Http2.Hpack;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Http2.Tests;

public sealed class HpackHuffmanTests
{
    [Theory]
    [InlineData("www.example.com", "f1e3c2e5f23a6ba0ab90f4ff")]
    [InlineData("no-cache", "a8eb10649cbf")]
    [InlineData("custom-key", "25a849e95ba97d7f")]
    [InlineData("custom-value", "25a849e95bb8e8b4bf")]
    [InlineData("302", "6402")]
    [InlineData("private", "aec3771a4b")]
    [InlineData("Mon, 21 Oct 2013 20:13:21 GMT", "d07abe941054d444a8200595040b8166e082a62d1bff")]
    [InlineData("https://www.example.com", "9d29ad171863c78f0b97c8e9ae82ae43d3")]
    public void Encode_GivesTheRfcsCode_ForItsExamples(string text, string hex)
    {
        var source = Encoding.ASCII.GetBytes(text);
        var destination = new byte[HpackHuffman.EncodedLength(source)];

        var written = HpackHuffman.Encode(source, destination);

        Assert.Equal(hex, Convert.ToHexStringLower(destination.AsSpan(0, written)));
    }

    [Fact]
    public void Decode_GivesBackEveryByte_AfterEncode()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes =>
        {
            var encoded = new byte[HpackHuffman.EncodedLength(bytes)];
            var length = HpackHuffman.Encode(bytes, encoded);
            var decoded = new byte[HpackHuffman.MaxDecodedLength(length)];

            Assert.Equal(encoded.Length, length);
            Assert.Equal(bytes, decoded.AsSpan(0, HpackHuffman.Decode(encoded, decoded)).ToArray());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void Decode_ThrowsOnlyHpackException_WhenTheCodeIsArbitrary()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes =>
        {
            var decoded = new byte[HpackHuffman.MaxDecodedLength(bytes.Length)];
            try
            {
                HpackHuffman.Decode(bytes, decoded);
            }
            catch (HpackException)
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void Decode_AgreesWithABitByBitDecoder_WhenTheCodeIsArbitrary()
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var mostlyPadding = Gen.ArrayOf(Gen.Elements<byte>(0xFF, 0xFE, 0x7F, 0x00, 0x3F, 0xFC)).Select(a => a.Take(8).ToArray());
        Prop.ForAll(Arb.From(Gen.OneOf(bytes, mostlyPadding)), code =>
        {
            var expected = BitByBit(code);
            var decoded = new byte[HpackHuffman.MaxDecodedLength(code.Length)];
            byte[]? actual;
            try
            {
                actual = decoded.AsSpan(0, HpackHuffman.Decode(code, decoded)).ToArray();
            }
            catch (HpackException)
            {
                actual = null;
            }

            Assert.Equal(expected, actual);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }

    [Fact]
    public void Decode_GivesBackEveryByte_WhenEveryByteValueIsEncodedAtEveryBitOffset()
    {
        for (var shift = 0; shift < 8; shift++)
        {
            var text = new byte[256 + shift];
            text.AsSpan(0, shift).Fill((byte)'a');
            for (var b = 0; b < 256; b++)
            {
                text[shift + b] = (byte)b;
            }

            var encoded = new byte[HpackHuffman.EncodedLength(text)];
            HpackHuffman.Encode(text, encoded);
            var decoded = new byte[HpackHuffman.MaxDecodedLength(encoded.Length)];

            Assert.Equal(text, decoded.AsSpan(0, HpackHuffman.Decode(encoded, decoded)).ToArray());
        }
    }

    /// <summary>RFC 7541's decoding, a bit at a time, from the code table: the decoded bytes, or null where HPACK says the code is in error.</summary>
    private static byte[]? BitByBit(byte[] code)
    {
        var symbols = new Dictionary<(uint Code, int Length), int>();
        for (var symbol = 0; symbol <= HpackHuffman.EndOfString; symbol++)
        {
            symbols[(HpackHuffman.SymbolCodes[symbol], HpackHuffman.CodeLengths[symbol])] = symbol;
        }

        var output = new List<byte>();
        uint current = 0;
        var length = 0;
        foreach (var b in code)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                current = (current << 1) | (uint)((b >> bit) & 1);
                length++;
                if (symbols.TryGetValue((current, length), out var symbol))
                {
                    if (symbol == HpackHuffman.EndOfString)
                    {
                        return null;
                    }

                    output.Add((byte)symbol);
                    current = 0;
                    length = 0;
                }
            }
        }

        return length > 7 || current != (1u << length) - 1 ? null : [.. output];
    }
}
