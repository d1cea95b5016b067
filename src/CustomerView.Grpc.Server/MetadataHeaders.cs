using Microsoft.AspNetCore.Http;

namespace CustomerView.Grpc.Server;

/// <summary>Converts between <see cref="Metadata"/> and HTTP headers.</summary>
internal static class MetadataHeaders
{
    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            var binary = Metadata.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    metadata.Add(new MetadataEntry(key, value));
                    continue;
                }

                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (MetadataEncoding.TryDecodeBinary(part, out var bytes))
                    {
                        metadata.Add(new MetadataEntry(key, bytes));
                    }
                }
            }
        }

        return metadata;
    }

    public static void AppendTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            var value = entry.ValueBytes is { } bytes ? MetadataEncoding.EncodeBinary(bytes) : entry.Value!;
            headers.Append(entry.Key, value);
        }
    }
}
