using CustomerView.Domain;
using CustomerView.Kafka;

namespace CustomerView.Demo.Tests;

public sealed class ChannelTopicsTests
{
    [Fact]
    public void For_MapsMobileAppToItsTopic()
    {
        Assert.Equal("cv.mobile-app", ChannelTopics.For(Channel.MobileApp));
        Assert.Equal("cv.branch-counter", ChannelTopics.For(Channel.BranchCounter));
        Assert.Equal("cv.relationship-manager", ChannelTopics.For(Channel.RelationshipManager));
    }

    [Fact]
    public void For_CoversEveryDefaultTopicOnce_AndRoundTripsThroughChannelOf()
    {
        var channels = Enum.GetValues<Channel>().Where(c => c != Channel.Unspecified).ToList();

        var topics = channels.Select(ChannelTopics.For).ToList();

        Assert.Equal(KafkaOptions.DefaultChannelTopics.Order(StringComparer.Ordinal), topics.Order(StringComparer.Ordinal));
        Assert.All(channels, c => Assert.Equal(c, ChannelTopics.ChannelOf(ChannelTopics.For(c))));
        Assert.Equal(Channel.Unspecified, ChannelTopics.ChannelOf("cv.dead-letter"));
    }

    [Fact]
    public void For_Throws_WhenChannelIsUnspecified()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelTopics.For(Channel.Unspecified));
    }
}
