using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using CustomerView.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Domain.Tests;

/// <summary>The packed form of a history entry gives back exactly the entry that went in.</summary>
public sealed class PackedInteractionTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1_000);

    private static Gen<string> Text => InteractionGenerators.Text;

    private static Gen<InteractionEntry> Entries => InteractionGenerators.Entries;

    [Fact]
    public void Unpack_ReturnsTheEntryPacked_ForAnyEntry()
    {
        Prop.ForAll(Arb.From(Entries), entry =>
        {
            var packed = PackedInteraction.Pack(entry);
            var unpacked = PackedInteraction.Unpack(packed);
            return unpacked == entry
                && unpacked.OccurredAt.Offset == entry.OccurredAt.Offset
                && PackedInteraction.Ticks(packed) == entry.OccurredAt.UtcTicks
                && PackedInteraction.Topic(packed) == entry.Details.Topic;
        }).Check(Config);
    }

    [Fact]
    public void CompareEventId_OrdersAsOrdinalComparison_ForAnyTwoIds()
    {
        Prop.ForAll(Arb.From(from a in Text from b in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Text.Select(t => (string?)t))) select (a, b ?? a)), pair =>
        {
            var packed = PackedInteraction.Pack(Entry(pair.a));
            return Math.Sign(PackedInteraction.CompareEventId(packed, pair.Item2)) == Math.Sign(string.CompareOrdinal(pair.a, pair.Item2));
        }).Check(Config);
    }

    [Fact]
    public void Pack_KeepsAStringWithALoneSurrogateExactly()
    {
        var entry = Entry("evt-\uD83D") with { SourceSystem = "crm\uDE00" };

        var unpacked = PackedInteraction.Unpack(PackedInteraction.Pack(entry));

        Assert.Equal("evt-\uD83D", unpacked.EventId);
        Assert.Equal("crm\uDE00", unpacked.SourceSystem);
    }

    [Fact]
    public void Pack_TakesLessThanHalfTheMemoryOfTheEntryItRebuilds_ForATypicalInteraction()
    {
        // The reason for packing: one array instead of an entry, its details and four strings.
        var entry = new InteractionEntry("loadtool-1234567", Channel.MobileApp, DateTimeOffset.UtcNow, "mobile-app", new InteractionRecorded
        {
            Type = InteractionType.Inquiry,
            Topic = "card-declined",
            Summary = "Customer asked about their account and was helped",
            ResolvedFirstContact = true,
        });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var packed = PackedInteraction.Pack(entry);
        var packing = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var unpacked = PackedInteraction.Unpack(packed);
        var unpacking = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(entry, unpacked);
        Assert.True(packing * 2 < unpacking, $"packed {packing} B, rebuilt {unpacking} B");
    }

    private static InteractionEntry Entry(string id) =>
        new(id, Channel.BranchCounter, DateTimeOffset.UnixEpoch, "test", new InteractionRecorded { Topic = "fees" });
}
