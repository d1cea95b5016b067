using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Domain.Tests;

/// <summary>The recent-event window against a queue and a set doing the same adds and evictions.</summary>
public sealed class RecentEventWindowTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Window_MatchesQueueAndSet_ForAnySequenceOfHashes()
    {
        var hashes = Gen.ListOf(Gen.Choose(0, 40).Select(h => (ulong)h * 0x9E3779B97F4A7C15)).Select(l => l.ToArray());
        Prop.ForAll(Arb.From(from capacity in Gen.Choose(1, 20) from sequence in hashes select (capacity, sequence)), scenario =>
        {
            var window = default(RecentEventWindow);
            var queue = new Queue<ulong>();
            var set = new HashSet<ulong>();
            foreach (var hash in scenario.sequence)
            {
                if (window.Contains(hash) != set.Contains(hash))
                {
                    return false;
                }

                if (set.Contains(hash))
                {
                    continue;
                }

                window.Add(hash, scenario.capacity);
                if (queue.Count == scenario.capacity)
                {
                    set.Remove(queue.Dequeue());
                }

                queue.Enqueue(hash);
                set.Add(hash);
            }

            return window.Count == queue.Count && window.ToArray().SequenceEqual(queue);
        }).Check(Config);
    }

    [Fact]
    public void Add_KeepsNothing_WhenTheCapacityIsZero()
    {
        var window = default(RecentEventWindow);

        window.Add(42, capacity: 0);

        Assert.False(window.Contains(42));
        Assert.Empty(window.ToArray());
    }
}
