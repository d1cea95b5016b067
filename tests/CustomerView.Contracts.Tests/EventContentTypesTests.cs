using System.Text;
using CustomerView.Contracts.Events;

namespace CustomerView.Contracts.Tests;

public sealed class EventContentTypesTests
{
    [Theory]
    [InlineData(null, EventFormat.Protobuf)]
    [InlineData("", EventFormat.Protobuf)]
    [InlineData("  ", EventFormat.Protobuf)]
    [InlineData("application/x-protobuf", EventFormat.Protobuf)]
    [InlineData("application/protobuf", EventFormat.Protobuf)]
    [InlineData("APPLICATION/X-PROTOBUF", EventFormat.Protobuf)]
    [InlineData("application/json", EventFormat.Json)]
    [InlineData("application/json; charset=utf-8", EventFormat.Json)]
    [InlineData("application/xml", EventFormat.Unsupported)]
    [InlineData("application/json-seq", EventFormat.Unsupported)]
    [InlineData("; charset=utf-8", EventFormat.Unsupported)]
    public void Resolve_ReturnsFormat_WhenGivenHeader(string? contentType, EventFormat expected)
    {
        Assert.Equal(expected, EventContentTypes.Resolve(contentType));
        Assert.Equal(expected, EventContentTypes.ResolveUtf8(Encoding.UTF8.GetBytes(contentType ?? string.Empty)));
    }

    [Fact]
    public void ResolveUtf8_ReturnsUnsupported_WhenHeaderIsNotAscii()
    {
        Assert.Equal(EventFormat.Unsupported, EventContentTypes.ResolveUtf8("application/jsön"u8));
    }

    [Fact]
    public void ResolveUtf8_ReturnsUnsupported_WhenHeaderIsOverlong()
    {
        var header = Encoding.ASCII.GetBytes("application/json;" + new string('x', 200));

        Assert.Equal(EventFormat.Unsupported, EventContentTypes.ResolveUtf8(header));
    }
}
