using System.Globalization;
using BenchmarkDotNet.Attributes;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// <see cref="CustomerProfile.Apply"/> of new interactions spread at random over many customers, as the ingestion loop
/// meets them, against the same over a few. Over 100 customers the profiles stay in the processor's caches and their
/// histories are full (each new entry folds the oldest); over 100,000 (the ingestion benchmark's count) nearly every
/// event reaches a profile, history and recent-id window that are not cached, and the histories grow on the collected
/// heap. The ratio is what memory costs the loop for each event, and the prefetched case what asking for the next
/// profiles ahead of time wins back. Each customer starts with 16 interactions; each
/// iteration applies 65,536 new ones (unique ids, each newer than the last).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class ApplyAcrossCustomersBenchmarks
{
    private const int Batch = 65_536;
    private const int Few = 100;
    private const int Many = 100_000;
    private const int InitialInteractions = 16;

    private readonly DomainEvent[] _batch = new DomainEvent[Batch];
    private readonly CustomerProfile[] _targets = new CustomerProfile[Batch];
    private readonly Random _random = new(17);
    private DomainEvent[] _template = null!;
    private CustomerProfile[] _few = null!;
    private CustomerProfile[] _many = null!;
    private long _sequence;

    /// <summary>The 100 customers with their first interactions, checking each applies.</summary>
    [GlobalSetup(Target = nameof(FewCustomers))]
    public void SetupFew()
    {
        _template = CustomerStory.NewInteractions(Batch);
        _few = Customers(Few);
    }

    /// <summary>The 100,000 customers with their first interactions, checking each applies.</summary>
    [GlobalSetup(Targets = [nameof(ManyCustomers), nameof(ManyCustomersPrefetched)])]
    public void SetupMany()
    {
        _template = CustomerStory.NewInteractions(Batch);
        _many = Customers(Many);
    }

    /// <summary>The next batch, over the 100 customers.</summary>
    [IterationSetup(Target = nameof(FewCustomers))]
    public void NextBatchForFew() => NextBatch(_few);

    /// <summary>The next batch, over the 100,000 customers.</summary>
    [IterationSetup(Targets = [nameof(ManyCustomers), nameof(ManyCustomersPrefetched)])]
    public void NextBatchForMany() => NextBatch(_many);

    /// <summary>Interactions spread over 100 customers: profiles in cache, histories full.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int FewCustomers() => ApplyBatch();

    /// <summary>Interactions spread over 100,000 customers: a profile out of cache for nearly every event.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int ManyCustomers() => ApplyBatch();

    /// <summary>
    /// The same, with the three steps of <see cref="CustomerProfile.Prefetch"/> issued 24, 16 and 8 events ahead, as
    /// the ingestion loop issues them: the profiles' misses overlap with the work on the events before.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int ManyCustomersPrefetched()
    {
        const int Distance = 8;
        var changed = 0;
        for (var i = 0; i < Batch; i++)
        {
            for (var step = PrefetchStep.Fields; step <= PrefetchStep.Entries; step++)
            {
                var ahead = i + ((PrefetchStep.Entries - step + 1) * Distance);
                if (ahead < Batch)
                {
                    _targets[ahead].Prefetch(step);
                }
            }

            changed += _targets[i].Apply(_batch[i]).HasChanges ? 1 : 0;
        }

        return changed;
    }

    private int ApplyBatch()
    {
        var changed = 0;
        for (var i = 0; i < Batch; i++)
        {
            changed += _targets[i].Apply(_batch[i]).HasChanges ? 1 : 0;
        }

        return changed;
    }

    private CustomerProfile[] Customers(int count)
    {
        var profiles = new CustomerProfile[count];
        for (var c = 0; c < count; c++)
        {
            profiles[c] = new CustomerProfile(CustomerId.Parse("C-" + c.ToString("D7", CultureInfo.InvariantCulture)));
        }

        for (var round = 0; round < InitialInteractions; round++)
        {
            for (var c = 0; c < count; c++)
            {
                var result = profiles[c].Apply(Next(c % Batch, profiles[c].CustomerId));
                if (!result.HasChanges)
                {
                    throw new InvalidOperationException($"A first interaction did not apply: {result.Outcome} {result.Reason}");
                }
            }
        }

        return profiles;
    }

    private void NextBatch(CustomerProfile[] profiles)
    {
        for (var i = 0; i < Batch; i++)
        {
            var profile = profiles[_random.Next(profiles.Length)];
            _targets[i] = profile;
            _batch[i] = Next(i, profile.CustomerId);
        }
    }

    /// <summary>Template interaction <paramref name="index"/> for <paramref name="customer"/>, with a new id and a later time.</summary>
    private DomainEvent Next(int index, CustomerId customer)
    {
        var sequence = ++_sequence;
        return _template[index] with
        {
            Id = EventId.Parse("spread-" + sequence.ToString(CultureInfo.InvariantCulture)),
            CustomerId = customer,
            OccurredAt = CustomerStory.Now.AddSeconds(sequence),
        };
    }
}
