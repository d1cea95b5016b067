using CustomerView.Http2.Server;

namespace CustomerView.Http2.Tests.Server;

public sealed class Http2ValueCacheTests
{
    [Fact]
    public void GetOther_ReusesNameAndValue_WhenTheSameFieldRepeats()
    {
        var cache = new Http2ValueCache();

        var firstName = cache.GetOther("x-cv-caller"u8, "teller-0042"u8, out var firstValue);
        var secondName = cache.GetOther("x-cv-caller"u8, "teller-0042"u8, out var secondValue);

        Assert.Equal("x-cv-caller", firstName);
        Assert.Equal("teller-0042", firstValue);
        Assert.Same(firstName, secondName);
        Assert.Same(firstValue, secondValue);
    }

    [Fact]
    public void GetOther_GivesTheNewValue_WhenAFieldsValueChanges()
    {
        var cache = new Http2ValueCache();
        var name = cache.GetOther("x-cv-role"u8, "teller"u8, out var teller);

        var sameName = cache.GetOther("x-cv-role"u8, "agent"u8, out var agent);
        cache.GetOther("x-cv-role"u8, "agent"u8, out var agentAgain);

        Assert.Same(name, sameName);
        Assert.Equal("teller", teller);
        Assert.Equal("agent", agent);
        Assert.Same(agent, agentAgain);
    }

    [Fact]
    public void GetOther_KeepsOnlyTheFirstNames_WhenAClientSendsEverNewOnes()
    {
        var cache = new Http2ValueCache();
        for (var i = 0; i < Http2ValueCache.OtherFields; i++)
        {
            cache.GetOther(System.Text.Encoding.ASCII.GetBytes($"x-field-{i}"), "v"u8, out _);
        }

        var kept = cache.GetOther("x-field-0"u8, "v"u8, out var keptValue);
        var first = cache.GetOther("x-one-too-many"u8, "w"u8, out var firstValue);
        var second = cache.GetOther("x-one-too-many"u8, "w"u8, out var secondValue);

        Assert.Same(kept, cache.GetOther("x-field-0"u8, "v"u8, out var keptAgain));
        Assert.Same(keptValue, keptAgain);
        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal(firstValue, secondValue);
        Assert.NotSame(firstValue, secondValue);
    }
}
