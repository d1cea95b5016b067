using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerView.Kafka.Native;

/// <content>The consumer's slice: polling records and reading them in place (<c>rdkafka.h</c>, checked against 2.0.2).</content>
internal static partial class LibRdKafka
{
    /// <summary><c>RD_KAFKA_RESP_ERR_NO_ERROR</c>.</summary>
    internal const int NoError = 0;

    /// <summary><c>RD_KAFKA_RESP_ERR__PARTITION_EOF</c>.</summary>
    internal const int PartitionEof = -191;

    /// <summary><c>RD_KAFKA_RESP_ERR__FATAL</c>.</summary>
    internal const int Fatal = -150;

    /// <summary>Blocks up to <paramref name="timeoutMs"/>; serves the rebalance, error and log callbacks on this thread.</summary>
    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_consumer_poll")]
    internal static partial nint ConsumerPoll(nint rk, int timeoutMs);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_message_destroy")]
    internal static partial void MessageDestroy(nint message);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_topic_name")]
    [SuppressGCTransition]
    internal static partial nint TopicName(nint rkt);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_message_timestamp")]
    [SuppressGCTransition]
    internal static unsafe partial long MessageTimestamp(nint message, int* type);

    /// <summary>Parses the message's headers on first use (then cached in the message); <c>NO_ENT</c> when it has none.</summary>
    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_message_headers")]
    internal static unsafe partial int MessageHeaders(nint message, nint* headers);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_header_get_last")]
    [SuppressGCTransition]
    internal static unsafe partial int HeaderGetLast(nint headers, byte* name, nint* value, nuint* size);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_header_get_all")]
    [SuppressGCTransition]
    internal static unsafe partial int HeaderGetAll(nint headers, nuint index, byte** name, nint* value, nuint* size);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_fatal_error")]
    internal static unsafe partial int FatalError(nint rk, byte* errstr, nuint errstrSize);

    /// <summary>
    /// <c>rd_kafka_message_t</c>: the public head of every message the consumer hands out (sequential layout gives the
    /// C alignment: <c>err</c> is padded to the pointer after it).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Message
    {
        public int Err;
        public nint Topic;
        public int Partition;
        public nint Payload;
        public nuint Length;
        public nint Key;
        public nuint KeyLength;
        public long Offset;
        public nint Private;
    }

    /// <summary>The bytes of a NUL-terminated string owned by librdkafka, without the NUL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe ReadOnlySpan<byte> ReadBytes(nint value) =>
        value == 0 ? default : MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)value);
}
