using System.Text;
using CustomerView.Http2.Hpack;

namespace CustomerView.Http2.Tests;

/// <summary>Keeps the fields a decoder delivers, as strings.</summary>
internal sealed class RecordingSink : IHpackHeaderSink
{
    public List<(string Name, string Value)> Fields { get; } = [];

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        Fields.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));

    public static List<(string Name, string Value)> Decode(HpackDecoder decoder, string hex)
    {
        var sink = new RecordingSink();
        Assert.True(decoder.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), sink));
        return sink.Fields;
    }
}
