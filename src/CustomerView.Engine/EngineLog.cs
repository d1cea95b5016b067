using Microsoft.Extensions.Logging;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Topics {Topics} are co-partitioned with {Partitions} partitions each")]
        public static partial void TopicsVerified(ILogger logger, string topics, int partitions);

        [LoggerMessage(2, LogLevel.Information, "Partition {Partition} assigned (fencing token {Token}); resuming at {Offsets}")]
        public static partial void PartitionAssigned(ILogger logger, int partition, long token, string offsets);

        [LoggerMessage(3, LogLevel.Information, "Partition {Partition} {Why}; its customers were released")]
        public static partial void PartitionReleased(ILogger logger, int partition, string why);

        [LoggerMessage(4, LogLevel.Warning, "Partition {Partition} was fenced (our token {Token} is stale): another node owns it now; nothing was written")]
        public static partial void Fenced(ILogger logger, int partition, long token);

        // Event ids 5, 11 and 12 are the dead-letter log's (DeadLetterLog).

        [LoggerMessage(6, LogLevel.Warning, "Kafka consume error: {Reason}")]
        public static partial void ConsumeError(ILogger logger, string reason);

        [LoggerMessage(7, LogLevel.Critical, "Ingestion stopped on an unexpected error; its partitions go back to the group without committing, and the other nodes resume them from the last commit; restart this node to take part again")]
        public static partial void EngineFailed(ILogger logger, Exception exception);

        [LoggerMessage(8, LogLevel.Information, "Catching up: {Lag} records behind; {Applied} events applied so far, {Actors} customers active")]
        public static partial void CatchingUp(ILogger logger, long lag, long applied, int actors);

        [LoggerMessage(9, LogLevel.Information, "Partition {Partition}: replayed {Events} journaled events from {Batches} batches onto the stored snapshots")]
        public static partial void JournalReplayed(ILogger logger, int partition, int batches, int events);

        [LoggerMessage(10, LogLevel.Error, "Partition {Partition}: journal batch {Sequence} is unreadable at byte {Position}; the rest of the batch is skipped")]
        public static partial void JournalCorrupt(ILogger logger, int partition, long sequence, int position);

        [LoggerMessage(13, LogLevel.Error, "Could not leave the consumer group after the failure; the group moves this node's partitions once its session times out")]
        public static partial void LeaveGroupFailed(ILogger logger, Exception exception);

        [LoggerMessage(14, LogLevel.Warning, "Customer {CustomerId}: a view could not be evaluated ahead of its expiry; the next read evaluates it")]
        public static partial void ViewRefreshFailed(ILogger logger, string customerId, Exception exception);
    }
}
