using CustomerView.Contracts.Events;
using Google.Protobuf;

namespace CustomerView.Contracts.Tests;

public sealed class ChannelEventDecoderAllocationTests
{
    [Fact]
    public void Decode_AllocatesLittleBeyondTheMessageAndEvent_WhenProtobufIsValid()
    {
        var message = Samples.Message();
        message.CorrelationId = "journey-7";
        var bytes = message.ToByteArray();
        var decoder = ChannelEventDecoder.Default;
        for (var i = 0; i < 100; i++)
        {
            decoder.Decode(bytes, EventFormat.Protobuf);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(bytes, EventFormat.Protobuf);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsSuccess, result.Reason);
        Assert.InRange(allocated, 1, 1024);
    }
}
