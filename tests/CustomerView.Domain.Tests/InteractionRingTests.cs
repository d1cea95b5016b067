using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Domain.Tests;

/// <summary>
/// The ring behind the interaction history against a plain list doing the same inserts and drops; entries of varied
/// sizes, so the ring's byte array is compacted in place and regrown along the way.
/// </summary>
public sealed class InteractionRingTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Ring_MatchesList_ForAnySequenceOfInsertsAndDrops()
    {
        var operations = Gen.ListOf(Gen.Choose(-1, 100)).Select(l => l.ToArray());
        var copies = new List<(PackedInteractionList Copy, InteractionEntry[] Expected)>();
        Prop.ForAll(Arb.From(from capacity in Gen.Choose(1, 9) from ops in operations select (capacity, ops)), scenario =>
        {
            var ring = new InteractionRing(scenario.capacity);
            var model = new List<InteractionEntry>();
            var n = 0;
            foreach (var op in scenario.ops)
            {
                if (op < 0)
                {
                    if (model.Count > 0)
                    {
                        ring.RemoveFirst();
                        model.RemoveAt(0);
                    }

                    continue;
                }

                if (model.Count == scenario.capacity)
                {
                    ring.RemoveFirst();
                    model.RemoveAt(0);
                }

                var index = op % (model.Count + 1);
                var entry = Entry(n++, summaryLength: op * op % 700);
                if (op % 2 == 0)
                {
                    ring.Insert(index, PackedInteraction.Pack(entry));
                }
                else
                {
                    ring.Insert(index, entry.EventId, entry.Channel, entry.OccurredAt, entry.SourceSystem, entry.Details);
                }

                model.Insert(index, entry);
                if (op % 7 == 0)
                {
                    copies.Add((ring.Copy(), [.. model]));
                }
            }

            var result = ring.Count == model.Count
                && ring.SequenceEqual(model)
                && Enumerable.Range(0, model.Count).All(i => ring[i] == model[i] && PackedInteraction.Unpack(ring.PackedAt(i)) == model[i])
                && copies.TrueForAll(c => c.Copy.SequenceEqual(c.Expected));
            copies.Clear();
            return result;
        }).Check(Config);
    }

    [Fact]
    public void Load_KeepsEntriesInOrder_AndInsertsAfterThem()
    {
        var ring = new InteractionRing(3);
        ring.Load([Entry(0), Entry(1), Entry(2)]);
        ring.RemoveFirst();
        ring.Insert(2, PackedInteraction.Pack(Entry(3)));

        Assert.Equal(["e1", "e2", "e3"], ring.Select(e => e.EventId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Indexer_Throws_WhenIndexIsOutsideTheEntries(int index)
    {
        var ring = new InteractionRing(4);
        ring.Insert(0, PackedInteraction.Pack(Entry(0)));
        ring.Insert(1, PackedInteraction.Pack(Entry(1)));

        Assert.Throws<ArgumentOutOfRangeException>(() => ring[index]);
    }

    private static InteractionEntry Entry(int n, int summaryLength = 0) =>
        new("e" + n, Channel.BranchCounter, DateTimeOffset.UnixEpoch.AddMinutes(n), "test", new InteractionRecorded { Summary = new string('s', summaryLength) });
}
