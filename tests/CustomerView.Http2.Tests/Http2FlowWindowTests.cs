using CustomerView.Http2.Streams;

namespace CustomerView.Http2.Tests;

public sealed class Http2FlowWindowTests
{
    [Fact]
    public void TryGrow_RefusesAndKeepsTheWindow_WhenItWouldPassTheLargestWindow()
    {
        var window = new Http2FlowWindow(65_535);

        Assert.True(window.TryGrow(int.MaxValue - 65_535));
        Assert.False(window.TryGrow(1));
        Assert.Equal(int.MaxValue, window.Available);
    }

    [Fact]
    public void TryAdjust_LetsTheWindowGoNegative_WhenTheInitialWindowShrinksBelowWhatWasSent()
    {
        var window = new Http2FlowWindow(65_535);
        window.Spend(60_000);

        Assert.True(window.TryAdjust(16_384 - 65_535));
        Assert.Equal(-43_616, window.Available);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Spend(1));
        Assert.True(window.TryGrow(43_617));
        Assert.Equal(1, window.Available);
    }

    [Fact]
    public void Spend_AllowsAnEmptyFrame_WhenTheWindowIsNegative()
    {
        var window = new Http2FlowWindow(10);
        Assert.True(window.TryAdjust(-20));

        window.Spend(0);

        Assert.Equal(-10, window.Available);
    }

    [Fact]
    public void TryAdjust_RefusesAndKeepsTheWindow_WhenItWouldPassTheLargestWindow()
    {
        var window = new Http2FlowWindow(65_535);

        Assert.False(window.TryAdjust(int.MaxValue));
        Assert.Equal(65_535, window.Available);
    }

    [Fact]
    public void TakeUpdate_WaitsForHalfTheWindow_WhenTheWindowIsTheLargest()
    {
        var window = new Http2ReceiveWindow(int.MaxValue);
        Assert.True(window.TryReceive(1_000));
        window.Consume(1_000);

        Assert.Equal(0, window.TakeUpdate());
    }

    [Fact]
    public void Spend_Throws_WhenMoreThanTheWindowIsSent()
    {
        var window = new Http2FlowWindow(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Spend(11));
    }

    [Fact]
    public void TryReceive_RefusesTheFrame_WhenItIsPastTheWindow()
    {
        var window = new Http2ReceiveWindow(100);

        Assert.True(window.TryReceive(60));
        Assert.False(window.TryReceive(41));
        Assert.True(window.TryReceive(40));
        Assert.Equal(0, window.Available);
    }

    [Fact]
    public void TakeUpdate_ReopensWhatWasConsumed_OnceItIsHalfTheWindow()
    {
        var window = new Http2ReceiveWindow(100);
        Assert.True(window.TryReceive(80));

        window.Consume(49);
        Assert.Equal(0, window.TakeUpdate());
        window.Consume(1);
        Assert.Equal(50, window.TakeUpdate());
        Assert.Equal(70, window.Available);
        Assert.Equal(0, window.TakeUpdate());
    }

    [Fact]
    public void Consume_Throws_WhenMoreIsConsumedThanWasReceived()
    {
        var window = new Http2ReceiveWindow(100);
        Assert.True(window.TryReceive(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Consume(11));
    }
}
