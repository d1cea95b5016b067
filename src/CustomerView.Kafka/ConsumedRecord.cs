using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using CustomerView.Kafka.Native;

namespace CustomerView.Kafka;

/// <summary>
/// One record of a <see cref="RecordBatchReader"/> batch, read in place from librdkafka's message: key, value and
/// headers are views of native memory, valid until the reader's next <see cref="RecordBatchReader.Fetch"/>,
/// <see cref="RecordBatchReader.Release"/> or <see cref="RecordBatchReader.Dispose"/>. Copy what must outlive that
/// (<see cref="ToConsumeResult"/> copies everything). Reading the key, value or headers of a record whose batch is gone,
/// or of a <c>default</c> record, throws <see cref="ObjectDisposedException"/> rather than reading freed memory.
/// </summary>
public readonly struct ConsumedRecord
{
    private const int MaxHeaderName = 256;

    private readonly RecordBatchReader? _reader;
    private readonly int _batch;
    private readonly nint _message;
    private readonly nint _key;
    private readonly nint _value;
    private readonly int _keyLength;
    private readonly int _valueLength;

    internal ConsumedRecord(RecordBatchReader reader, int batch, nint message, in LibRdKafka.Message head, string topic)
    {
        _reader = reader;
        _batch = batch;
        _message = message;
        _key = head.Key;
        _value = head.Payload;
        _keyLength = (int)head.KeyLength;
        _valueLength = (int)head.Length;
        Topic = topic;
        Partition = head.Partition;
        Offset = head.Offset;
    }

    /// <summary>The topic, one of the reader's topic strings (no string is made per record).</summary>
    public string Topic { get; }

    /// <summary>The partition.</summary>
    public int Partition { get; }

    /// <summary>The record's offset.</summary>
    public long Offset { get; }

    /// <summary>Whether the record has a key (an empty key counts as one).</summary>
    public bool HasKey => _key != 0;

    /// <summary>Whether the record has a value (an empty value counts as one).</summary>
    public bool HasValue => _value != 0;

    /// <summary>The key's bytes; empty when there is none.</summary>
    public unsafe ReadOnlySpan<byte> Key
    {
        get
        {
            EnsureLive();
            return _key == 0 ? default : new ReadOnlySpan<byte>((void*)_key, _keyLength);
        }
    }

    /// <summary>The value's bytes; empty when there is none.</summary>
    public unsafe ReadOnlySpan<byte> Value
    {
        get
        {
            EnsureLive();
            return _value == 0 ? default : new ReadOnlySpan<byte>((void*)_value, _valueLength);
        }
    }

    /// <summary>The value of the last header named <paramref name="name"/> (UTF-8, at most 256 bytes), as Kafka readers take it.</summary>
    /// <param name="name">The header's name in UTF-8, without a terminating NUL.</param>
    /// <param name="value">The header's value; empty for a header without value.</param>
    /// <returns>Whether the record has such a header.</returns>
    public unsafe bool TryGetLastHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        EnsureLive();
        value = default;
        nint headers;
        if (name.Length > MaxHeaderName || LibRdKafka.MessageHeaders(_message, &headers) != LibRdKafka.NoError)
        {
            return false;
        }

        Span<byte> terminated = stackalloc byte[name.Length + 1];
        name.CopyTo(terminated);
        terminated[name.Length] = 0;
        nint data;
        nuint size;
        fixed (byte* n = terminated)
        {
            if (LibRdKafka.HeaderGetLast(headers, n, &data, &size) != LibRdKafka.NoError)
            {
                return false;
            }
        }

        value = data == 0 ? default : new ReadOnlySpan<byte>((void*)data, (int)size);
        return true;
    }

    /// <summary>A managed copy of the record, headers and timestamp included (for dead-lettering and other rare paths).</summary>
    /// <returns>A new result that outlives the batch.</returns>
    public unsafe ConsumeResult<byte[], byte[]> ToConsumeResult()
    {
        EnsureLive();
        int type;
        var milliseconds = LibRdKafka.MessageTimestamp(_message, &type);
        var headers = new Headers();
        nint native;
        if (LibRdKafka.MessageHeaders(_message, &native) == LibRdKafka.NoError)
        {
            byte* name;
            nint data;
            nuint size;
            for (nuint i = 0; LibRdKafka.HeaderGetAll(native, i, &name, &data, &size) == LibRdKafka.NoError; i++)
            {
                var key = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
                headers.Add(key, data == 0 ? null : new ReadOnlySpan<byte>((void*)data, (int)size).ToArray());
            }
        }

        return new ConsumeResult<byte[], byte[]>
        {
            Topic = Topic,
            Partition = new Partition(Partition),
            Offset = new Offset(Offset),
            Message = new Message<byte[], byte[]>
            {
                Key = HasKey ? Key.ToArray() : null!,
                Value = HasValue ? Value.ToArray() : null!,
                Headers = headers,
                Timestamp = new Timestamp(milliseconds, (TimestampType)type),
            },
        };
    }

    /// <summary>Throws unless this record's batch is still the reader's current one.</summary>
    private void EnsureLive()
    {
        if (_reader is null || !_reader.IsCurrent(_batch))
        {
            ThrowReleased();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowReleased() =>
        throw new ObjectDisposedException(nameof(ConsumedRecord), "The record's batch was released: its native message is gone. Copy what must outlive the batch.");
}
