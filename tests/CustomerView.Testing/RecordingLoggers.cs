using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomerView.Testing;

/// <summary>A logger factory that records which categories were asked for and every message logged, at any level.</summary>
public sealed class RecordingLoggers : ILoggerFactory
{
    public ConcurrentQueue<string> Categories { get; } = new();

    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName)
    {
        Categories.Enqueue(categoryName);
        return new Logger(this, categoryName);
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggers owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
