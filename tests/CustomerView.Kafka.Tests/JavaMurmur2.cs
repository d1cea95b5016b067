namespace CustomerView.Kafka.Tests;

/// <summary>
/// The Java client's key hash (<c>org.apache.kafka.common.utils.Utils.murmur2</c>) and default partition choice
/// for keyed records, written from the Kafka source as an independent reference.
/// </summary>
internal static class JavaMurmur2
{
    public static int Hash(byte[] data)
    {
        const uint M = 0x5bd1e995;
        const int R = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var length4 = length / 4;
        for (var i = 0; i < length4; i++)
        {
            var i4 = i * 4;
            var k = data[i4] | ((uint)data[i4 + 1] << 8) | ((uint)data[i4 + 2] << 16) | ((uint)data[i4 + 3] << 24);
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary><c>Utils.toPositive(Utils.murmur2(key)) % numPartitions</c>.</summary>
    public static int Partition(byte[] key, int partitions) => (Hash(key) & 0x7fffffff) % partitions;
}
