using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;
using Google.Protobuf;

namespace CustomerView.Contracts.Tests;

public sealed class CategoryStringsTests
{
    [Fact]
    public void Decode_SharesOneInstanceOfCategoricalStrings_WhenEventsRepeatThem()
    {
        var summary = new string('s', CategoryStrings.MaxLength + 1);
        byte[] Bytes(string id) => new V1.ChannelEvent
        {
            EventId = id,
            CustomerId = Samples.CustomerText,
            Channel = V1.Channel.CallCenter,
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Samples.OccurredAt),
            SourceSystem = "contact-center-platform",
            InteractionRecorded = new V1.InteractionRecorded { Type = V1.InteractionType.Inquiry, Topic = "card-declined", StaffId = "agent-0042", Summary = summary },
        }.ToByteArray();

        var first = ChannelEventDecoder.Default.Decode(Bytes("e-1"), EventFormat.Protobuf).Event!;
        var second = ChannelEventDecoder.Default.Decode(Bytes("e-2"), EventFormat.Protobuf).Event!;
        var a = (InteractionRecorded)first.Payload;
        var b = (InteractionRecorded)second.Payload;

        Assert.Same(first.SourceSystem, second.SourceSystem);
        Assert.Same(a.Topic, b.Topic);
        Assert.Same(a.StaffId, b.StaffId);
        Assert.NotSame(a.Summary, b.Summary);
        Assert.Equal(a.Summary, b.Summary);
    }

    [Fact]
    public void Share_ReturnsTheValueItself_WhenItIsLongerThanACategory()
    {
        var text = new string('x', CategoryStrings.MaxLength + 1);

        Assert.Same(text, CategoryStrings.Share(text));
        Assert.Same(text, CategoryStrings.Share(text));
        Assert.NotSame(CategoryStrings.Share(new string('x', CategoryStrings.MaxLength + 1)), text);
    }

    [Fact]
    public void Share_ReturnsAnEqualString_WhenSlotsCollide()
    {
        var values = Enumerable.Range(0, 20_000).Select(i => "topic-" + i).ToList();

        foreach (var value in values)
        {
            Assert.Equal(value, CategoryStrings.Share(new string(value.AsSpan())));
        }
    }
}
