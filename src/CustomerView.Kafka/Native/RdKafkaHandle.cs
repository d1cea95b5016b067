using System.Runtime.InteropServices;

namespace CustomerView.Kafka.Native;

/// <summary>Owns an <c>rd_kafka_t</c>; released with <c>rd_kafka_destroy</c>.</summary>
internal sealed class RdKafkaHandle : SafeHandle
{
    private const int ErrorBufferSize = 512;

    private RdKafkaHandle(nint rk)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(rk);

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a producer handle from librdkafka properties.</summary>
    /// <exception cref="InvalidOperationException">librdkafka rejected a property or the handle.</exception>
    internal static RdKafkaHandle CreateProducer(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var errors = new byte[ErrorBufferSize];
        var conf = LibRdKafka.ConfNew();
        if (conf == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_conf_new returned no configuration.");
        }

        try
        {
            foreach (var (name, value) in properties)
            {
                if (LibRdKafka.ConfSet(conf, name, value, errors, (nuint)errors.Length) != LibRdKafka.ConfOk)
                {
                    throw new InvalidOperationException(
                        $"librdkafka rejected '{name}={value}': {LibRdKafka.ReadErrorBuffer(errors)}");
                }
            }

            var rk = LibRdKafka.New(LibRdKafka.ProducerType, conf, errors, (nuint)errors.Length);
            if (rk == IntPtr.Zero)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {LibRdKafka.ReadErrorBuffer(errors)}");
            }

            conf = IntPtr.Zero; // rd_kafka_new owns it now.
            return new RdKafkaHandle(rk);
        }
        finally
        {
            if (conf != IntPtr.Zero)
            {
                LibRdKafka.ConfDestroy(conf);
            }
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        LibRdKafka.Destroy(handle);
        return true;
    }
}
