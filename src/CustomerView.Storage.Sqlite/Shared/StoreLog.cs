using Microsoft.Extensions.Logging;

namespace CustomerView.Storage.Shared;

/// <summary>Source-generated log messages of the stores.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Store} schema migrated to version {Version}: {Description}")]
    public static partial void MigrationApplied(ILogger logger, string store, int version, string description);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "{Store} schema is up to date at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, string store, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Partition {Partition} of group {Group} acquired by {Owner} with fencing token {Token}")]
    public static partial void LeaseAcquired(ILogger logger, string group, int partition, string owner, long token);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Commit for partition {Partition} of group {Group} fenced: token {Token} is stale (current {CurrentToken})")]
    public static partial void CommitFenced(ILogger logger, string group, int partition, long token, long currentToken);
}
