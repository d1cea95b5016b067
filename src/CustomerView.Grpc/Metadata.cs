using System.Collections;

namespace CustomerView.Grpc;

/// <summary>
/// Custom metadata (request headers, response headers or trailers) of a call. Keys are lower-case; keys ending in
/// <c>-bin</c> carry binary values that travel base64-encoded.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    /// <summary>The suffix that marks a binary-valued key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<MetadataEntry> _entries = [];

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds an ASCII-valued entry.</summary>
    /// <param name="key">The key; lower-cased, must not end in -bin.</param>
    /// <param name="value">A printable ASCII value.</param>
    public void Add(string key, string value) => _entries.Add(new MetadataEntry(key, value));

    /// <summary>Adds a binary-valued entry.</summary>
    /// <param name="key">The key; lower-cased, must end in -bin.</param>
    /// <param name="value">The bytes.</param>
    public void Add(string key, byte[] value) => _entries.Add(new MetadataEntry(key, value));

    /// <summary>Adds an entry.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(MetadataEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
    }

    /// <summary>The last ASCII value for a key, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The value or null when absent.</returns>
    public string? GetValue(string key) => Find(key)?.Value;

    /// <summary>The last binary value for a key, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The bytes or null when absent.</returns>
    public byte[]? GetValueBytes(string key) => Find(key)?.ValueBytes;

    /// <summary>The last entry for a key, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The entry or null when absent.</returns>
    public MetadataEntry? Find(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether a key names a binary value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when it ends in -bin.</returns>
    public static bool IsBinaryKey(string key) =>
        key is not null && key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);
}
