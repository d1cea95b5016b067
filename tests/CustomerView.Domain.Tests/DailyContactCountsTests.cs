using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Domain.Tests;

/// <summary>The flat per-day contact counters against a dictionary of days doing the same adds and drops.</summary>
public sealed class DailyContactCountsTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Rows_MatchADictionaryOfDays_ForAnySequenceOfAddsAndDrops()
    {
        // An operation is (day, channel, contacts) to add, or a negative channel to drop the days up to day.
        var operation = from day in Gen.Choose(0, 40)
                        from channel in Gen.Choose(-1, DailyContactCounts.Channels - 1)
                        from contacts in Gen.Choose(0, 3)
                        select (day, channel, contacts);
        Prop.ForAll(Arb.From(Gen.ListOf(operation).Select(l => l.ToArray())), operations =>
        {
            var counts = default(DailyContactCounts);
            var model = new Dictionary<int, int[]>();
            foreach (var (day, channel, contacts) in operations)
            {
                if (channel < 0)
                {
                    counts.DropUpTo(day);
                    foreach (var dropped in model.Keys.Where(d => d <= day).ToList())
                    {
                        model.Remove(dropped);
                    }

                    continue;
                }

                counts.Add(day, channel, contacts);
                if (!model.TryGetValue(day, out var row))
                {
                    model[day] = row = new int[DailyContactCounts.Channels];
                }

                row[channel] += contacts;
            }

            var rows = Enumerable.Range(0, counts.Count).ToDictionary(counts.DayAt, r => counts.CountsAt(r).ToArray());
            return rows.Count == counts.Count
                && rows.Count == model.Count
                && model.All(kv => rows.TryGetValue(kv.Key, out var row) && row.SequenceEqual(kv.Value));
        }).Check(Config);
    }

    [Fact]
    public void DropUpTo_KeepsTheOrderOfTheRowsLeft_WhenRowsInBetweenGo()
    {
        var counts = default(DailyContactCounts);
        foreach (var day in new[] { 5, 1, 7, 3, 9 })
        {
            counts.Add(day, 1);
        }

        counts.DropUpTo(4);

        Assert.Equal([5, 7, 9], Enumerable.Range(0, counts.Count).Select(counts.DayAt));
    }
}
