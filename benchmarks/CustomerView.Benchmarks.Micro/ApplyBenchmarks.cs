using BenchmarkDotNet.Attributes;
using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// <see cref="CustomerProfile.Apply"/> of one event, per kind, on the realistic profile of <see cref="CustomerStory"/>
/// (full 200-entry history, 5 open tasks, complaints, appointments). Each iteration restores 16 copies of that profile
/// (not measured) and applies a batch of new events (unique ids, each newer than the last) to each, so every event
/// takes the steady-state path; figures are per event. Baseline: a re-delivered event (the duplicate check every
/// event pays first).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class ApplyBenchmarks
{
    private const int Batch = 1024;
    private const int TaskSteps = 250;
    private const int Copies = 16;

    private ProfileSnapshot _snapshot = null!;
    private DomainEvent[] _history = null!;
    private DomainEvent[] _interactions = null!;
    private DomainEvent[] _attributes = null!;
    private DomainEvent[] _taskSteps = null!;
    private readonly CustomerProfile[] _profiles = new CustomerProfile[Copies];

    /// <summary>Builds the profile and the event batches, and checks each batch applies as intended.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _history = CustomerStory.History();
        _snapshot = CustomerStory.Profile().ToSnapshot();
        _interactions = CustomerStory.NewInteractions(Batch);
        _attributes = CustomerStory.NewAttributeChanges(Batch);
        _taskSteps = CustomerStory.NewTaskSteps(TaskSteps);
        CustomerStory.ApplyAll(CustomerProfile.Restore(_snapshot), _interactions, "interactions");
        CustomerStory.ApplyAll(CustomerProfile.Restore(_snapshot), _attributes, "attributes");
        CustomerStory.ApplyAll(CustomerProfile.Restore(_snapshot), _taskSteps, "task steps");
    }

    /// <summary>Fresh copies of the realistic profile for each iteration.</summary>
    [IterationSetup]
    public void RestoreProfiles()
    {
        for (var i = 0; i < Copies; i++)
        {
            _profiles[i] = CustomerProfile.Restore(_snapshot);
        }
    }

    /// <summary>A re-delivered event (one of the last 1,024 applied): found in the recent-id set, nothing changes.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch * Copies)]
    public int Duplicate()
    {
        var changed = 0;
        foreach (var profile in _profiles)
        {
            for (var i = 0; i < Batch; i++)
            {
                changed += profile.Apply(_history[i % _history.Length]).HasChanges ? 1 : 0;
            }
        }

        return changed;
    }

    /// <summary>A new interaction: joins the history, the oldest folds into the per-channel counters.</summary>
    [Benchmark(OperationsPerInvoke = Batch * Copies)]
    public int Interaction() => ApplyBatch(_interactions);

    /// <summary>An attribute change (e-mail, preferred name, phone or tier): last-writer-wins registers.</summary>
    [Benchmark(OperationsPerInvoke = Batch * Copies)]
    public int AttributeChange() => ApplyBatch(_attributes);

    /// <summary>A step of one of the 5 open tasks: inserted in the task's log, which is re-folded.</summary>
    [Benchmark(OperationsPerInvoke = TaskSteps * Copies)]
    public int TaskStep() => ApplyBatch(_taskSteps);

    private int ApplyBatch(DomainEvent[] events)
    {
        var changed = 0;
        foreach (var profile in _profiles)
        {
            foreach (var e in events)
            {
                changed += profile.Apply(e).HasChanges ? 1 : 0;
            }
        }

        return changed;
    }
}
