using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Domain.Tests;

/// <summary>The ring behind the interaction history against a plain list doing the same inserts and drops.</summary>
public sealed class InteractionRingTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Ring_MatchesList_ForAnySequenceOfInsertsAndDrops()
    {
        var operations = Gen.ListOf(Gen.Choose(-1, 100)).Select(l => l.ToArray());
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
                var entry = Entry(n++);
                ring.Insert(index, entry);
                model.Insert(index, entry);
            }

            return ring.Count == model.Count
                && ring.SequenceEqual(model)
                && ring.ToArray().SequenceEqual(model)
                && Enumerable.Range(0, model.Count).All(i => ReferenceEquals(ring[i], model[i]));
        }).Check(Config);
    }

    [Fact]
    public void Load_KeepsEntriesInOrder_AndInsertsAfterThem()
    {
        var ring = new InteractionRing(3);
        ring.Load([Entry(0), Entry(1), Entry(2)]);
        ring.RemoveFirst();
        ring.Insert(2, Entry(3));

        Assert.Equal(["e1", "e2", "e3"], ring.Select(e => e.EventId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Indexer_Throws_WhenIndexIsOutsideTheEntries(int index)
    {
        var ring = new InteractionRing(4);
        ring.Insert(0, Entry(0));
        ring.Insert(1, Entry(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => ring[index]);
    }

    private static InteractionEntry Entry(int n) =>
        new("e" + n, Channel.BranchCounter, DateTimeOffset.UnixEpoch.AddMinutes(n), "test", new InteractionRecorded());
}
