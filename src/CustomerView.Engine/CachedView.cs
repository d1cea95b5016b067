using System.Text;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>
/// One evaluated view of one customer: its <see cref="GetProfileResponse"/> as wire bytes, and the message once a reader
/// of the message asked. Created and its message set under the owner's turn; its bytes and times never change, so they
/// are also read alongside the turns, through the owner or through <see cref="ServedViews"/>.
/// </summary>
internal sealed class CachedView(CustomerActor owner, ProfileView view, int slot, byte[] serialized, long evaluatedTicks, long validUntilTicks)
{
    private long _touchedTicks = evaluatedTicks;

    /// <summary>The actor whose profile this is.</summary>
    public CustomerActor Owner { get; } = owner;

    /// <summary>The view, as resolved.</summary>
    public ProfileView View { get; } = view;

    /// <summary>Its slot in <see cref="ServedViews"/>.</summary>
    public int Slot { get; } = slot;

    /// <summary>The response's wire bytes.</summary>
    public byte[] Serialized { get; } = serialized;

    /// <summary>The message parsed from <see cref="Serialized"/>, once a reader of the message asked.</summary>
    public GetProfileResponse? Response { get; set; }

    /// <summary>When it was evaluated (UTC ticks).</summary>
    public long EvaluatedTicks { get; } = evaluatedTicks;

    /// <summary>Until when it may be served (UTC ticks): the profile's next wake-up, or its age.</summary>
    public long ValidUntilTicks { get; } = validUntilTicks;

    /// <summary>Whether it may be served at <paramref name="ticks"/> (UTC).</summary>
    public bool IsValid(long ticks) => ticks < ValidUntilTicks && ticks >= EvaluatedTicks;

    /// <summary>
    /// Whether these are <paramref name="customerId"/>'s bytes, read from the bytes themselves: a GetProfileResponse
    /// starts with its profile (field 1), and the profile with its customer id (field 1), as protobuf writes fields in
    /// order. The id's bytes are in the cache line the answer's copy reads first; the key string would be a line of its
    /// own. Bytes laid out otherwise, or an id that is not ASCII, answer <see langword="false"/>, and the read goes
    /// through the actor table, so the layout decides only the speed, never the answer.
    /// </summary>
    public bool IsFor(string customerId)
    {
        var bytes = Serialized.AsSpan();
        if (bytes.Length < 2 || bytes[0] != 0x0A)
        {
            return false;
        }

        // The profile's length, a varint of up to five bytes.
        var at = 1;
        while (at < bytes.Length && at < 6 && (bytes[at] & 0x80) != 0)
        {
            at++;
        }

        at++;
        if (at + 2 > bytes.Length || bytes[at] != 0x0A || bytes[at + 1] != customerId.Length || customerId.Length > 127)
        {
            return false;
        }

        at += 2;
        return at + customerId.Length <= bytes.Length && Ascii.Equals(bytes.Slice(at, customerId.Length), customerId);
    }

    /// <summary>
    /// Whether a read at <paramref name="ticks"/> should record the owner as used (the actor table's idle sweep): at most
    /// once a second per view, so reads from the connection's loop write no cold line of the actor's.
    /// </summary>
    public bool ShouldTouch(long ticks)
    {
        if (ticks - Volatile.Read(ref _touchedTicks) < TimeSpan.TicksPerSecond)
        {
            return false;
        }

        Volatile.Write(ref _touchedTicks, ticks);
        return true;
    }
}
