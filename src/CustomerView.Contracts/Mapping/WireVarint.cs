namespace CustomerView.Contracts.Mapping;

/// <summary>Protobuf's base-128 varint, written by the hand-made encoders (snapshot entries and their framing).</summary>
internal static class WireVarint
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/> (at most ten bytes) and moves past it.</summary>
    public static void Write(Span<byte> span, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
    }
}
