using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CustomerView.Kafka;

/// <summary>Source-generated log messages for Kafka clients.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 1, Message = "librdkafka {Client} [{Facility}] {Text}")]
    internal static partial void ClientLog(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(EventId = 2, Message = "Kafka client {Client} error {Code}: {Reason} (fatal: {IsFatal})")]
    internal static partial void ClientError(ILogger logger, LogLevel level, string client, ErrorCode code, string reason, bool isFatal);

    /// <summary>Maps librdkafka's syslog levels to logging levels.</summary>
    internal static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
