namespace CustomerView.Domain.Profiles;

/// <summary>
/// A text field of a packed history entry, read in place: its UTF-8 bytes, or, for a string that has no UTF-8 form
/// (a lone surrogate), its UTF-16 code units.
/// </summary>
public readonly ref struct PackedText
{
    internal PackedText(ReadOnlySpan<byte> bytes, bool isUtf16)
    {
        Bytes = bytes;
        IsUtf16 = isUtf16;
    }

    /// <summary>The text's bytes: UTF-8, or UTF-16 code units (in the machine's byte order, little-endian on every supported platform) when <see cref="IsUtf16"/>.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>Whether <see cref="Bytes"/> holds UTF-16 code units rather than UTF-8.</summary>
    public bool IsUtf16 { get; }

    /// <summary>Whether the text is empty.</summary>
    public bool IsEmpty => Bytes.IsEmpty;
}
