using Microsoft.Extensions.Logging;

namespace CustomerView.Engine.Tests;

public sealed class DeadLetterLogTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void Record_LogsFirstAtWarning_AndOnlyCountsTheRestOfTheWindow()
    {
        var (log, logger, time) = Create();

        log.Record("t", 0, 1, "rejected-transition", "task T-1 was never started");
        log.Record("t", 0, 2, "rejected-transition", "task T-2 was never started");
        log.Record("t", 1, 3, "invalid-event", "payload is missing");

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("t[0]@1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("task T-1 was never started", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Debug));
    }

    [Fact]
    public void FlushIfWindowPassed_LogsHowManyMorePerCategory_OnceTheWindowHasPassed()
    {
        var (log, logger, time) = Create();
        log.Record("t", 0, 1, "rejected-transition", "r1");
        log.Record("t", 0, 2, "rejected-transition", "r2");
        log.Record("t", 0, 3, "invalid-event", "r3");

        log.FlushIfWindowPassed();
        var beforeWindowEnds = logger.Entries.Count(e => e.Level == LogLevel.Warning);
        time.Advance(Window);
        log.FlushIfWindowPassed();
        log.FlushIfWindowPassed();

        Assert.Equal(1, beforeWindowEnds);
        var summary = Assert.Single(logger.Entries.Skip(1), e => e.Level == LogLevel.Warning);
        Assert.Contains("2 more records", summary.Message, StringComparison.Ordinal);
        Assert.Contains("invalid-event 1, rejected-transition 1", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_LogsAtWarningAgain_WhenTheWindowHasPassed()
    {
        var (log, logger, time) = Create();
        log.Record("t", 0, 1, "rejected-transition", "r1");
        time.Advance(Window + TimeSpan.FromSeconds(1));

        log.Record("t", 0, 2, "rejected-transition", "r2");

        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("more records", StringComparison.Ordinal));
    }

    private static (DeadLetterLog Log, ListLogger Logger, ManualTime Time) Create()
    {
        var logger = new ListLogger();
        var time = new ManualTime();
        return (new DeadLetterLog(logger, time, Window), logger, time);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
