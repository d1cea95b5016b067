using CustomerView.Http2.Hpack;

namespace CustomerView.Http2.Tests;

public sealed class HpackIntegerTests
{
    [Fact]
    public void Read_AcceptsTheLargestValue_WhenItTakesFiveContinuationBytes()
    {
        var position = 0;

        var value = HpackInteger.Read(Convert.FromHexString("1fe0ffffff07"), ref position, 5);

        Assert.Equal(int.MaxValue, value);
        Assert.Equal(6, position);
    }

    [Fact]
    public void Read_AcceptsAZeroContinuationByte_WhenTheValueFillsThePrefix()
    {
        var position = 0;

        Assert.Equal(127, HpackInteger.Read(Convert.FromHexString("7f00"), ref position, 7));
        Assert.Equal(2, position);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Read_GivesBackTheValue_AfterWriteWithTheSamePrefix(int prefixBits)
    {
        int[] values = [0, 1, (1 << prefixBits) - 2, (1 << prefixBits) - 1, 1 << prefixBits, 127, 128, 1337, 16_383, 16_384, int.MaxValue - 1, int.MaxValue];
        foreach (var value in values)
        {
            var buffer = new byte[HpackInteger.Length(value, prefixBits)];
            var written = HpackInteger.Write(buffer, value, prefixBits, 0);
            var position = 0;

            Assert.Equal(buffer.Length, written);
            Assert.Equal(value, HpackInteger.Read(buffer, ref position, prefixBits));
            Assert.Equal(written, position);
        }
    }
}
