using CustomerView.Domain;
using CustomerView.Kafka;

namespace CustomerView.Demo;

/// <summary>Which channel topic an event of each channel goes to: <see cref="KafkaOptions.DefaultChannelTopics"/>, one per channel.</summary>
public static class ChannelTopics
{
    /// <summary>The default topic of <paramref name="channel"/>, e.g. <c>cv.mobile-app</c> for <see cref="Channel.MobileApp"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is unspecified or unknown.</exception>
    public static string For(Channel channel)
    {
        // The default topics are listed in channel order, branch counter first.
        var index = (int)channel - 1;
        if (index < 0 || index >= KafkaOptions.DefaultChannelTopics.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel has no topic.");
        }

        return KafkaOptions.DefaultChannelTopics[index];
    }

    /// <summary>The channel whose default topic is <paramref name="topic"/>; <see cref="Channel.Unspecified"/> when none.</summary>
    public static Channel ChannelOf(string topic)
    {
        for (var i = 0; i < KafkaOptions.DefaultChannelTopics.Count; i++)
        {
            if (string.Equals(KafkaOptions.DefaultChannelTopics[i], topic, StringComparison.Ordinal))
            {
                return (Channel)(i + 1);
            }
        }

        return Channel.Unspecified;
    }
}
