using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerView.Node;

/// <summary>
/// The node's loggers as the gRPC web host sees them, without ASP.NET Core hosting's per-request diagnostics
/// (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>). When that logger is enabled at any level, hosting starts
/// an <see cref="System.Diagnostics.Activity"/> and a log scope for every request: about 870 of the 1,420 bytes a
/// no-op call allocated, and a generation-0 collection every few thousand calls. Its own messages are request
/// start and finish lines at Information and below; handler failures are logged by the gRPC layer and Kestrel. An
/// <see cref="System.Diagnostics.ActivityListener"/> (tracing) still gets its activities.
/// </summary>
internal sealed class WebHostLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>The hosting category left out.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, HostingDiagnostics, StringComparison.Ordinal) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The node owns <c>inner</c> and disposes it; the web host only borrows it.</summary>
    public void Dispose()
    {
    }
}
