namespace CustomerView.Demo;

/// <summary>
/// A small, fast, seedable generator (SplitMix64) whose sequence is fixed by this code, not by the runtime, so a
/// seed reproduces the same demo traffic on every machine and .NET version.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _state;

    public DemoRandom(ulong seed) => _state = seed;

    /// <summary>A generator for one purpose, independent of the others derived from the same seed.</summary>
    public static DemoRandom For(int seed, long stream, long index) =>
        new(Mix(Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL) ^ Mix((ulong)stream * 0xD1B54A32D192ED03UL) ^ (ulong)index));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextUInt64() % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>Picks by weight; <paramref name="weights"/> must have a positive sum.</summary>
    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> weights)
    {
        var total = 0.0;
        foreach (var (_, weight) in weights)
        {
            total += weight;
        }

        var roll = NextDouble() * total;
        foreach (var (item, weight) in weights)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return weights[^1].Item;
    }

    /// <summary>A duration between <paramref name="min"/> and <paramref name="max"/>, to the second.</summary>
    public TimeSpan Between(TimeSpan min, TimeSpan max) =>
        max <= min ? min : TimeSpan.FromSeconds(Math.Round(min.TotalSeconds + (NextDouble() * (max - min).TotalSeconds)));

    /// <summary>A Poisson-distributed count with mean <paramref name="mean"/> (Knuth; fine for small means).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-Math.Min(mean, 50));
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }
}
