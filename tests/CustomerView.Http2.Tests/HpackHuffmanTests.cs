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
}
