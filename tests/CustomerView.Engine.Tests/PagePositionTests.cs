namespace CustomerView.Engine.Tests;

public sealed class PagePositionTests
{
    [Fact]
    public void TryParse_ReadsBackTheToken_WhenIssuedByThisServer()
    {
        var token = new PagePosition(638_000_000_000_000_000, "evt:with:colons").ToToken();

        Assert.True(PagePosition.TryParse(token, out var position));
        Assert.Equal(new PagePosition(638_000_000_000_000_000, "evt:with:colons"), position);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("bm90LWEtdG9rZW4")]
    [InlineData("MTIzOg")]
    [InlineData("")]
    public void TryParse_Refuses_WhenTheTokenIsForeign(string token)
    {
        Assert.False(PagePosition.TryParse(token, out _));
    }
}
