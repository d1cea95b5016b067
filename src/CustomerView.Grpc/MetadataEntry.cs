namespace CustomerView.Grpc;

/// <summary>One metadata key with either an ASCII value or (for -bin keys) a binary value.</summary>
public sealed record MetadataEntry
{
    /// <summary>Creates an ASCII-valued entry.</summary>
    /// <param name="key">The key; must not end in -bin.</param>
    /// <param name="value">A printable ASCII value.</param>
    public MetadataEntry(string key, string value)
    {
        Key = NormalizeKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (Metadata.IsBinaryKey(Key))
        {
            throw new ArgumentException($"Key '{Key}' ends in -bin and needs a binary value.", nameof(key));
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException("ASCII metadata values must be printable ASCII.", nameof(value));
            }
        }

        Value = value;
    }

    /// <summary>Creates a binary-valued entry.</summary>
    /// <param name="key">The key; must end in -bin.</param>
    /// <param name="value">The bytes.</param>
    public MetadataEntry(string key, byte[] value)
    {
        Key = NormalizeKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!Metadata.IsBinaryKey(Key))
        {
            throw new ArgumentException($"Key '{Key}' needs the -bin suffix for a binary value.", nameof(key));
        }

        ValueBytes = value;
    }

    /// <summary>The lower-case key.</summary>
    public string Key { get; }

    /// <summary>The ASCII value, or null for a binary entry.</summary>
    public string? Value { get; }

    /// <summary>The binary value, or null for an ASCII entry.</summary>
    public byte[]? ValueBytes { get; }

    /// <summary>Whether the entry is binary.</summary>
    public bool IsBinary => ValueBytes is not null;

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' has a character outside [0-9a-z-_.].", nameof(key));
            }
        }

        return lower;
    }
}
