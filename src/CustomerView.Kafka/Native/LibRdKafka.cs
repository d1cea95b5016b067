using System.Runtime.InteropServices;

namespace CustomerView.Kafka.Native;

/// <summary>
/// The slice of librdkafka's C API the embedded cluster needs: handle lifecycle and the mock-cluster API of
/// <c>rdkafka_mock.h</c> (experimental, not ABI-stable upstream; checked against Debian's 2.0.2).
/// </summary>
internal static partial class LibRdKafka
{
    /// <summary><c>RD_KAFKA_PRODUCER</c>.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_err2str")]
    internal static partial nint ErrorToString(int err);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint MockClusterNew(nint rk, int brokerCount);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint mcluster);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint MockClusterBootstraps(MockClusterHandle mcluster);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockPartitionSetLeader(MockClusterHandle mcluster, string topic, int partition, int brokerId);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int MockBrokerSetDown(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int MockBrokerSetUp(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial int MockBrokerSetRtt(MockClusterHandle mcluster, int brokerId, int rttMs);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrorsArray(MockClusterHandle mcluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(KafkaNative.LibraryName, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    internal static partial void MockClearRequestErrors(MockClusterHandle mcluster, short apiKey);

    /// <summary>librdkafka's description of an error code.</summary>
    internal static string Describe(int err) => Marshal.PtrToStringUTF8(ErrorToString(err)) ?? $"error {err}";

    /// <summary>Reads a NUL-terminated error buffer filled by librdkafka.</summary>
    internal static string ReadErrorBuffer(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
