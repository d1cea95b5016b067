using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Tests;

public sealed class Http2SettingsTests
{
    [Fact]
    public void Apply_TakesEachKnownValueAndIgnoresUnknownOnes_WhenTheFrameIsValid()
    {
        var settings = new Http2Settings();

        var error = settings.Apply(Convert.FromHexString("000100000000" + "000200000000" + "000300000064" + "00047FFFFFFF" + "000500FFFFFF" + "000600002000" + "00FF12345678"), out var reason);

        Assert.Equal(Http2ErrorCode.NoError, error);
        Assert.Null(reason);
        Assert.Equal(0, settings.HeaderTableSize);
        Assert.False(settings.EnablePush);
        Assert.Equal(100, settings.MaxConcurrentStreams);
        Assert.Equal(int.MaxValue, settings.InitialWindowSize);
        Assert.Equal(Http2Settings.MaxMaxFrameSize, settings.MaxFrameSize);
        Assert.Equal(8192, settings.MaxHeaderListSize);
    }

    [Fact]
    public void Settings_HoldTheProtocolDefaults_BeforeAnyFrame()
    {
        var settings = new Http2Settings();

        Assert.Equal((4096, true, int.MaxValue, 65_535, 16_384, int.MaxValue),
            (settings.HeaderTableSize, settings.EnablePush, settings.MaxConcurrentStreams, settings.InitialWindowSize, settings.MaxFrameSize, settings.MaxHeaderListSize));
    }

    [Fact]
    public void Apply_HoldsValuesPastTheLargestInt_AsTheLargestInt()
    {
        var settings = new Http2Settings();

        Assert.Equal(Http2ErrorCode.NoError, settings.Apply(Convert.FromHexString("0001FFFFFFFF" + "0003FFFFFFFF"), out _));
        Assert.Equal(int.MaxValue, settings.HeaderTableSize);
        Assert.Equal(int.MaxValue, settings.MaxConcurrentStreams);
    }

    [Fact]
    public void Apply_AcceptsTheBoundaryValues_WhenTheyAreAllowed()
    {
        var settings = new Http2Settings();

        Assert.Equal(Http2ErrorCode.NoError, settings.Apply(Convert.FromHexString("000200000001" + "000500004000"), out _));
        Assert.Equal(Http2ErrorCode.NoError, settings.Apply([], out _));
        Assert.True(settings.EnablePush);
        Assert.Equal(16_384, settings.MaxFrameSize);
    }

    [Theory]
    [InlineData("00030000", (uint)Http2ErrorCode.FrameSizeError)]
    [InlineData("000200000002", (uint)Http2ErrorCode.ProtocolError)]
    [InlineData("000480000000", (uint)Http2ErrorCode.FlowControlError)]
    [InlineData("000500003FFF", (uint)Http2ErrorCode.ProtocolError)]
    [InlineData("000501000000", (uint)Http2ErrorCode.ProtocolError)]
    public void Apply_ReportsTheConnectionError_WhenAValueIsOutOfRange(string hex, uint expected)
    {
        var error = new Http2Settings().Apply(Convert.FromHexString(hex), out var reason);

        Assert.Equal((Http2ErrorCode)expected, error);
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
