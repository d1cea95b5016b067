using CustomerView.Domain.Identity;

namespace CustomerView.Domain.Tests;

public sealed class EventIdTests
{
    /// <summary>The hash is stored in snapshots: these values must never change.</summary>
    [Theory]
    [InlineData("", 15610338416011052929UL)]
    [InlineData("a", 1827195505020383348UL)]
    [InlineData("evt-0001", 5400868214363649893UL)]
    [InlineData("01J9Z8Q4X7R2M5N6P3K8W1T0VY", 4947378086468821680UL)]
    [InlineData("3f2b8c1e-9a4d-4f6b-8e2a-7c5d1b0e9f3a", 14151949310811095610UL)]
    public void StableHash_IsTheStoredValue_ForKnownIds(string id, ulong expected)
    {
        Assert.Equal(expected, EventId.StableHash(id));
    }

    [Fact]
    public void StableHash_HasNoCollisions_AcrossAMillionSequentialAndNearIds()
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < 500_000; i++)
        {
            Assert.True(seen.Add(EventId.StableHash("run-" + i)));
            Assert.True(seen.Add(EventId.StableHash("run-" + i + "\0")));
        }
    }

    [Fact]
    public void StableHash_Differs_WhenOnlyTheLengthOrOneCodeUnitDiffers()
    {
        Assert.NotEqual(EventId.StableHash("ab"), EventId.StableHash("ab\0"));
        Assert.NotEqual(EventId.StableHash("abcd"), EventId.StableHash("abce"));
        Assert.NotEqual(EventId.StableHash("abcdefgh"), EventId.StableHash("bacdefgh"));
    }
}
