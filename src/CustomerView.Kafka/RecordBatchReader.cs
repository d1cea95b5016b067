using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using CustomerView.Kafka.Native;

namespace CustomerView.Kafka;

/// <summary>
/// Polls a Confluent.Kafka consumer's records straight from librdkafka and hands them out in place, as
/// <see cref="ConsumedRecord"/> views of the native messages: no result, message, header or topic objects and no key,
/// value or header copies per record, where <c>IConsumer.Consume</c> makes about a dozen objects per record.
/// </summary>
/// <remarks>
/// <para>
/// The consumer stays in charge of everything else (subscribe, assignment, offsets, close); its rebalance, error and
/// log handlers run as before, on the thread that calls <see cref="Fetch"/>, and an exception thrown by a rebalance
/// handler surfaces from <see cref="Fetch"/> just as it would from <c>Consume</c>.
/// </para>
/// <para>
/// This reaches into Confluent.Kafka 1.9's internals (the librdkafka handle behind <c>IClient.Handle</c> and the
/// consumer's captured handler exception); <see cref="Create"/> fails with a clear message if another version
/// lacks them. Use the reader from one thread; release (or fetch again) before closing or disposing the consumer.
/// </para>
/// </remarks>
public sealed class RecordBatchReader : IDisposable
{
    private readonly SafeHandle _handle;
    private readonly nint _rk;
    private readonly object _consumer;
    private readonly Func<object, Exception?> _getHandlerException;
    private readonly Action<object> _clearHandlerException;
    private readonly (byte[] Utf8, string Name)[] _topics;
    private readonly nint[] _messages;
    private readonly ConsumedRecord[] _records;
    private readonly Action<Error>? _onError;
    private int _count;
    private int _batch;
    private Exception? _pendingFailure;
    private bool _disposed;

    private RecordBatchReader(SafeHandle handle, object consumer, FieldInfo handlerException, IEnumerable<string> topics, int capacity, Action<Error>? onError)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        _rk = handle.DangerousGetHandle();
        _consumer = consumer;
        (_getHandlerException, _clearHandlerException) = Accessors(consumer.GetType(), handlerException);
        _topics = [.. topics.Select(t => (Encoding.UTF8.GetBytes(t), t))];
        _messages = new nint[capacity];
        _records = new ConsumedRecord[capacity];
        _onError = onError;
    }

    /// <summary>The records of the current batch, valid until the next <see cref="Fetch"/>, <see cref="Release"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<ConsumedRecord> Records => _records.AsSpan(0, _count);

    /// <summary>Builds a reader over <paramref name="consumer"/>.</summary>
    /// <param name="consumer">A consumer built by Confluent.Kafka 1.9 (<see cref="KafkaClients.CreateConsumerBuilder"/>); not owned, and it must outlive the reader.</param>
    /// <param name="topics">The subscribed topics; their names are the <see cref="ConsumedRecord.Topic"/> strings.</param>
    /// <param name="capacity">The most records one <see cref="Fetch"/> returns.</param>
    /// <param name="onError">Called with each error the consumer reports that is not fatal (the consumer goes on); fatal ones throw.</param>
    /// <returns>The reader; dispose it before the consumer.</returns>
    /// <exception cref="NotSupportedException">The consumer is not one this reader knows how to read from.</exception>
    public static RecordBatchReader Create(IConsumer<byte[], byte[]> consumer, IEnumerable<string> topics, int capacity, Action<Error>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var handlerException = consumer.GetType().GetField("handlerException", Flags);
        if (consumer.Handle is not { } owner
            || typeof(Handle).GetProperty("LibrdkafkaHandle", Flags)?.GetValue(owner) is not SafeHandle { IsInvalid: false, IsClosed: false } handle
            || handlerException?.FieldType != typeof(Exception))
        {
            throw new NotSupportedException(
                $"Cannot read records directly from a {consumer.GetType().FullName} of Confluent.Kafka {typeof(Handle).Assembly.GetName().Version}: expected the internals of Confluent.Kafka 1.9.");
        }

        return new RecordBatchReader(handle, consumer, handlerException, topics, capacity, onError);
    }

    /// <summary>
    /// Releases the current batch, then takes what the consumer has ready, up to the capacity: the first poll waits up to
    /// <paramref name="firstWait"/>, the rest do not. Errors the consumer reports are passed to the error callback
    /// (fatal ones throw), and partition-end events are skipped.
    /// </summary>
    /// <param name="firstWait">How long the first poll may block.</param>
    /// <returns>The number of records in the new batch (<see cref="Records"/>).</returns>
    /// <exception cref="KafkaException">The consumer failed fatally.</exception>
    /// <exception cref="ObjectDisposedException">The reader or the consumer is disposed.</exception>
    /// <remarks>
    /// A rebalance handler's exception is thrown at once when the batch is empty; otherwise the batch is returned and
    /// the exception is thrown by the next call, so no record already taken from the consumer is lost.
    /// </remarks>
    public unsafe int Fetch(TimeSpan firstWait)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Release();
        if (_handle.IsClosed)
        {
            throw new ObjectDisposedException(nameof(IConsumer<byte[], byte[]>), "The consumer is disposed.");
        }

        if (_pendingFailure is { } pending)
        {
            _pendingFailure = null;
            ExceptionDispatchInfo.Throw(pending);
        }

        // As Consume: a negative wait (Timeout.InfiniteTimeSpan) blocks until a record or event arrives.
        var timeout = firstWait < TimeSpan.Zero ? -1 : (int)Math.Min(firstWait.TotalMilliseconds, int.MaxValue);
        while (_count < _records.Length)
        {
            var message = LibRdKafka.ConsumerPoll(_rk, timeout);
            timeout = 0;
            if (HandlerFailed(message))
            {
                break;
            }

            if (message == 0)
            {
                break;
            }

            ref readonly var head = ref *(LibRdKafka.Message*)message;
            if (head.Err != LibRdKafka.NoError)
            {
                Failed(message, head);
                continue;
            }

            _messages[_count] = message;
            _records[_count] = new ConsumedRecord(this, _batch, message, head, TopicOf(head.Topic));
            _count++;
        }

        return _count;
    }

    /// <summary>Gives the current batch's messages back to librdkafka; its records must not be used afterwards.</summary>
    public void Release()
    {
        _batch++;
        for (var i = 0; i < _count; i++)
        {
            LibRdKafka.MessageDestroy(_messages[i]);
            _messages[i] = 0;
            _records[i] = default;
        }

        _count = 0;
    }

    /// <summary>Releases the current batch and the reader's hold on the consumer's handle.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Release();
        _disposed = true;
        _handle.DangerousRelease();
    }

    /// <summary>The reader's string for a record's topic; a topic it was not told of gets a new string.</summary>
    private string TopicOf(nint rkt)
    {
        var name = LibRdKafka.ReadBytes(LibRdKafka.TopicName(rkt));
        foreach (var (utf8, topic) in _topics)
        {
            if (name.SequenceEqual(utf8))
            {
                return topic;
            }
        }

        return Encoding.UTF8.GetString(name);
    }

    /// <summary>Whether <paramref name="batch"/> is the current batch (its records' messages are still held).</summary>
    internal bool IsCurrent(int batch) => batch == _batch && !_disposed;

    /// <summary>
    /// As <c>Consume</c> does: a rebalance handler's exception, captured by the consumer, is thrown here (the message
    /// polled with it is dropped, as <c>Consume</c> drops it), or kept for the next <see cref="Fetch"/> when the batch
    /// already holds records.
    /// </summary>
    /// <returns>Whether the batch must end here.</returns>
    private bool HandlerFailed(nint message)
    {
        if (_getHandlerException(_consumer) is not { } failure)
        {
            return false;
        }

        _clearHandlerException(_consumer);
        if (message != 0)
        {
            LibRdKafka.MessageDestroy(message);
        }

        if (_count == 0)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        _pendingFailure = failure;
        return true;
    }

    /// <summary>Compiled accessors of the consumer's captured handler exception (a reflection read per poll costs more than the poll's other work).</summary>
    private static (Func<object, Exception?> Get, Action<object> Clear) Accessors(Type consumerType, FieldInfo field)
    {
        var consumer = Expression.Parameter(typeof(object), "consumer");
        var access = Expression.Field(Expression.Convert(consumer, consumerType), field);
        var get = Expression.Lambda<Func<object, Exception?>>(access, consumer).Compile();
        var clear = Expression.Lambda<Action<object>>(
            Expression.Assign(access, Expression.Constant(null, typeof(Exception))), consumer).Compile();
        return (get, clear);
    }

    /// <summary>An error event: reported and dropped, or thrown when fatal.</summary>
    private unsafe void Failed(nint message, in LibRdKafka.Message head)
    {
        var code = head.Err;
        var reason = head.Payload != 0 && head.Length > 0
            ? Encoding.UTF8.GetString(new ReadOnlySpan<byte>((void*)head.Payload, (int)head.Length))
            : LibRdKafka.Describe(code);
        LibRdKafka.MessageDestroy(message);
        if (code == LibRdKafka.PartitionEof)
        {
            return;
        }

        if (code == LibRdKafka.Fatal)
        {
            var buffer = stackalloc byte[512];
            var underlying = LibRdKafka.FatalError(_rk, buffer, 512);
            var detail = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(buffer);
            throw new KafkaException(new Error((ErrorCode)(underlying != LibRdKafka.NoError ? underlying : code), detail.IsEmpty ? reason : Encoding.UTF8.GetString(detail), isFatal: true));
        }

        var where = head.Topic != 0 ? $" ({TopicOf(head.Topic)} [{head.Partition}] at offset {head.Offset})" : string.Empty;
        _onError?.Invoke(new Error((ErrorCode)code, reason + where));
    }
}
