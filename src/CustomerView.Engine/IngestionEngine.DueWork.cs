namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    private const int DueBatch = 500;

    /// <summary>
    /// Applies what time alone made due (a task past its expiry) and refreshes clock-derived alerts for owned customers
    /// whose stored wake-up time has come. Wake-up times are stored with the profiles, so this survives restarts and
    /// moves with the partition. Runs only while no commit is in flight, so the stored times include every commit's.
    /// </summary>
    private void RunDueWork()
    {
        _nextDueWork = _time.GetTimestamp() + (long)(_options.DueWorkInterval.TotalSeconds * _time.TimestampFrequency);
        var now = _time.GetUtcNow();
        foreach (var (number, partition) in _partitions)
        {
            if (partition.Fenced)
            {
                continue;
            }

            var due = _store.LoadWakeUpsAsync(number, now, DueBatch, CancellationToken.None).GetAwaiter().GetResult();
            foreach (var wakeUp in due)
            {
                var actor = GetActor(wakeUp.CustomerId, number);
                while (!_actors.TryRun(actor, now, static (a, now) => Tick(a, now), out _))
                {
                    actor = GetActor(wakeUp.CustomerId, number);
                }

                partition.Dirty.Add(actor);
                Statistics.ClockTicked();
            }
        }

        if (_applied == 0)
        {
            CommitAll();
        }
    }

    private static int Tick(CustomerActor actor, DateTimeOffset now)
    {
        foreach (var e in actor.Profile.DueEvents(now))
        {
            actor.Apply(e, now);
        }

        actor.ClockTicked(now);
        return 0;
    }
}
