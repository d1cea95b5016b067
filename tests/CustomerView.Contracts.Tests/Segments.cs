using System.Buffers;

namespace CustomerView.Contracts.Tests;

/// <summary>Builds multi-segment sequences, as a Kafka client reading from pooled buffers may hand over.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int parts)
    {
        var size = Math.Max(1, (bytes.Length + parts - 1) / parts);
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
