using System.Buffers;
using System.IO.Compression;

namespace CustomerView.Grpc;

/// <summary>The gzip message encoding (doc/compression.md).</summary>
public static class GzipCodec
{
    /// <summary>Compresses bytes.</summary>
    /// <param name="data">The uncompressed bytes.</param>
    /// <returns>The gzip stream.</returns>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(Math.Max(64, data.Length / 2));
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Decompresses a gzip stream into a pooled buffer, stopping once the output exceeds the limit.</summary>
    /// <param name="data">The compressed bytes.</param>
    /// <param name="maxSize">The largest allowed decompressed size.</param>
    /// <param name="buffer">A buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</param>
    /// <param name="length">The decompressed length.</param>
    /// <returns>True on success; false when the output exceeds <paramref name="maxSize"/>.</returns>
    /// <exception cref="InvalidDataException">The data is not valid gzip.</exception>
    public static bool TryDecompress(in ReadOnlySequence<byte> data, int maxSize, out byte[] buffer, out int length)
    {
        var compressed = data.ToArray();
        using var input = new MemoryStream(compressed, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, compressed.Length * 4));
        length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = gzip.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return true;
            }

            length += read;
            if (length > maxSize)
            {
                return false;
            }
        }
    }
}
