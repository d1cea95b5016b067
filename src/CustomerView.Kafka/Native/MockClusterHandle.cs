using System.Runtime.InteropServices;

namespace CustomerView.Kafka.Native;

/// <summary>
/// Owns an <c>rd_kafka_mock_cluster_t</c>. It keeps a reference on the <c>rd_kafka_t</c> it was created on, so
/// the cluster is always destroyed before that handle, whatever order the two are disposed in.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly RdKafkaHandle? _owner;

    /// <summary>For the P/Invoke marshaller only; such an instance is never valid.</summary>
    public MockClusterHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    private MockClusterHandle(nint mcluster, RdKafkaHandle owner)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _owner = owner;
        SetHandle(mcluster);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a mock cluster of <paramref name="brokerCount"/> brokers (ids 1..n) on <paramref name="rk"/>.</summary>
    internal static MockClusterHandle Create(RdKafkaHandle rk, int brokerCount)
    {
        var added = false;
        rk.DangerousAddRef(ref added);
        try
        {
            var mcluster = LibRdKafka.MockClusterNew(rk.DangerousGetHandle(), brokerCount);
            if (mcluster == IntPtr.Zero)
            {
                throw new InvalidOperationException(
                    $"rd_kafka_mock_cluster_new could not start {brokerCount} brokers (no free loopback ports?).");
            }

            added = false; // the new handle releases the reference.
            return new MockClusterHandle(mcluster, rk);
        }
        finally
        {
            if (added)
            {
                rk.DangerousRelease();
            }
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        LibRdKafka.MockClusterDestroy(handle);
        _owner?.DangerousRelease();
        return true;
    }
}
