using System.Buffers;
using CustomerView.Contracts.Events;
using CustomerView.Domain.Events;

namespace CustomerView.Engine;

public sealed partial class IngestionEngine
{
    /// <summary>
    /// Adds an applied event to its partition's journal batch: the record's protobuf bytes as they came from Kafka, or
    /// the event re-encoded as protobuf when it came as JSON. Each entry is a varint length and the bytes.
    /// </summary>
    private static void AppendJournal(PartitionState partition, ReadOnlySpan<byte> value, EventFormat format, DomainEvent e)
    {
        var journal = partition.Journal;
        if (format == EventFormat.Protobuf)
        {
            WriteLength(journal, value.Length);
            journal.Write(value);
            return;
        }

        var encoded = ChannelEventEncoder.ToBytes(e);
        WriteLength(journal, encoded.Length);
        journal.Write(encoded);
    }

    /// <summary>
    /// Rebuilds, on taking a partition, what its journal holds beyond the stored snapshots: each kept batch's events are
    /// applied to their customers unless the customer's snapshot already reflects that batch. The replayed actors wait
    /// for their snapshots like any other journaled change.
    /// </summary>
    private void ReplayJournal(int number, PartitionState partition)
    {
        var batches = _store.LoadJournalAsync(_kafka.ConsumerGroupId, number, CancellationToken.None).GetAwaiter().GetResult();
        if (batches.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var replayed = 0;
        foreach (var batch in batches)
        {
            var waiting = new List<CustomerActor>();
            var data = batch.Data;
            var position = 0;
            while (position < data.Length)
            {
                if (!TryReadLength(data.Span[position..], out var length, out var header) || position + header + length > data.Length)
                {
                    Log.JournalCorrupt(_logger, number, batch.Sequence, position);
                    break;
                }

                var entry = data.Slice(position + header, length);
                position += header + length;
                var decoded = _decoder.Decode(entry.Span, EventFormat.Protobuf);
                if (decoded.Event is not { } e)
                {
                    Log.JournalCorrupt(_logger, number, batch.Sequence, position);
                    continue;
                }

                var actor = GetActor(e.CustomerId.Value, number);
                if (actor.Partition != number || actor.SnapshotSequence >= batch.Sequence)
                {
                    continue;
                }

                var sequence = batch.Sequence;
                if (_actors.TryRun(actor, (e, now, sequence), static (a, s) =>
                    {
                        var first = a.FirstUnsnapshotted == 0;
                        a.Apply(s.e, s.now);
                        a.JournalPlanned();
                        a.Journaled(s.sequence);
                        return first;
                    }, out var first) && first)
                {
                    waiting.Add(actor);
                }

                replayed++;
            }

            if (waiting.Count > 0)
            {
                partition.Unsnapshotted.Enqueue(new JournalBucket(batch.Sequence, _time.GetTimestamp(), waiting));
            }

            partition.JournalNext = Math.Max(partition.JournalNext, batch.Sequence + 1);
        }

        Log.JournalReplayed(_logger, number, batches.Count, replayed);
    }

    private static void WriteLength(ArrayBufferWriter<byte> output, int length)
    {
        var span = output.GetSpan(5);
        var written = 0;
        var value = (uint)length;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    private static bool TryReadLength(ReadOnlySpan<byte> span, out int length, out int header)
    {
        uint value = 0;
        for (var i = 0; i < 5 && i < span.Length; i++)
        {
            value |= (uint)(span[i] & 0x7F) << (7 * i);
            if ((span[i] & 0x80) == 0)
            {
                header = i + 1;
                length = (int)value;
                return value <= int.MaxValue;
            }
        }

        length = 0;
        header = 0;
        return false;
    }
}
