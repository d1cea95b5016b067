using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>
/// One evaluated view of one customer: its <see cref="GetProfileResponse"/> as wire bytes, and the message once a reader
/// of the message asked. Created and its message set under the owner's turn; its bytes, view and times never change, so
/// they are also read alongside the turns, through the owner or through <see cref="ServedViews"/>.
/// </summary>
/// <remarks>
/// The bytes live in <see cref="Buffer"/> after a header of <see cref="HeaderSize"/> bytes holding what a read needs to
/// decide whether it may serve them (when it was evaluated, until when it is valid, the view), so that a read through
/// <see cref="ServedViews"/> touches the buffer's first cache line, which the answer's copy reads anyway, and no object
/// of its own. The header's fields that change are the time a read last recorded the owner as used
/// (<see cref="ShouldTouch"/>), read and written whole (8-byte aligned, volatile), and whether a refresh was asked for
/// (<see cref="TryClaimRefresh"/>, 4-byte aligned, swapped atomically).
/// </remarks>
internal sealed class CachedView
{
    /// <summary>The header's size: evaluated ticks, valid-until ticks, touched ticks, the view, the refresh state.</summary>
    public const int HeaderSize = 32;

    private const int ValidUntilAt = 8;
    private const int TouchedAt = 16;
    private const int ViewAt = 24;
    private const int RefreshAt = 28;

    // The refresh state: a view that expires at a wake-up of its profile's must be evaluated at that instant, so it is
    // never refreshed ahead; one that merely ages may be, once.
    private const int NotRefreshable = 0;
    private const int Refreshable = 1;
    private const int RefreshClaimed = 2;

    /// <summary>
    /// A view of <paramref name="owner"/>'s whose response was serialized into <paramref name="buffer"/> after
    /// <see cref="HeaderSize"/> bytes, which this fills. When <paramref name="refreshable"/> (it expires only because
    /// it aged, not at a wake-up of the profile), reads in the last quarter of its life ask for its refresh.
    /// </summary>
    public CachedView(CustomerActor owner, ProfileView view, int slot, byte[] buffer, long evaluatedTicks, long validUntilTicks, bool refreshable = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, HeaderSize);
        Owner = owner;
        View = view;
        Slot = slot;
        Buffer = buffer;
        EvaluatedTicks = evaluatedTicks;
        ValidUntilTicks = validUntilTicks;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, evaluatedTicks);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(ValidUntilAt), validUntilTicks);
        Unsafe.As<byte, long>(ref buffer[TouchedAt]) = evaluatedTicks;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(ViewAt), (int)view);
        Unsafe.As<byte, int>(ref buffer[RefreshAt]) = refreshable ? Refreshable : NotRefreshable;
    }

    /// <summary>The actor whose profile this is.</summary>
    public CustomerActor Owner { get; }

    /// <summary>The view, as resolved.</summary>
    public ProfileView View { get; }

    /// <summary>Its slot in <see cref="ServedViews"/>.</summary>
    public int Slot { get; }

    /// <summary>The header, then the response's wire bytes.</summary>
    public byte[] Buffer { get; }

    /// <summary>The response's wire bytes.</summary>
    public ReadOnlyMemory<byte> Serialized => Buffer.AsMemory(HeaderSize);

    /// <summary>The message parsed from <see cref="Serialized"/>, once a reader of the message asked.</summary>
    public GetProfileResponse? Response { get; set; }

    /// <summary>When it was evaluated (UTC ticks).</summary>
    public long EvaluatedTicks { get; }

    /// <summary>Until when it may be served (UTC ticks): the profile's next wake-up, or its age.</summary>
    public long ValidUntilTicks { get; }

    /// <summary>Whether it may be served at <paramref name="ticks"/> (UTC).</summary>
    public bool IsValid(long ticks) => ticks < ValidUntilTicks && ticks >= EvaluatedTicks;

    /// <summary>
    /// Whether <paramref name="buffer"/> (a <see cref="Buffer"/>) holds <paramref name="customerId"/>'s
    /// <paramref name="view"/>, valid at <paramref name="ticks"/> (UTC), read from the buffer alone.
    /// </summary>
    public static bool Serves(byte[] buffer, string customerId, ProfileView view, long ticks)
    {
        var header = buffer.AsSpan(0, HeaderSize);
        return BinaryPrimitives.ReadInt32LittleEndian(header[ViewAt..]) == (int)view
            && ticks < BinaryPrimitives.ReadInt64LittleEndian(header[ValidUntilAt..])
            && ticks >= BinaryPrimitives.ReadInt64LittleEndian(header)
            && IsFor(buffer.AsSpan(HeaderSize), customerId);
    }

    /// <summary>
    /// Whether a read at <paramref name="ticks"/> of the view in <paramref name="buffer"/> should record its owner as used
    /// (the actor table's idle sweep): at most once a second per view, so reads write no line of the actor's.
    /// </summary>
    public static bool ShouldTouch(byte[] buffer, long ticks)
    {
        ref var touched = ref Unsafe.As<byte, long>(ref buffer[TouchedAt]);
        if (ticks - Volatile.Read(ref touched) < TimeSpan.TicksPerSecond)
        {
            return false;
        }

        Volatile.Write(ref touched, ticks);
        return true;
    }

    /// <summary>
    /// Whether a read at <paramref name="ticks"/> of the view in <paramref name="buffer"/> should ask for the view to be
    /// evaluated again ahead of its expiry, off the read's path: true once per view, for the first read in the last
    /// quarter of a refreshable view's life, so that no read waits for the view's re-evaluation only because it aged.
    /// </summary>
    public static bool TryClaimRefresh(byte[] buffer, long ticks)
    {
        ref var state = ref Unsafe.As<byte, int>(ref buffer[RefreshAt]);
        if (Volatile.Read(ref state) != Refreshable)
        {
            return false;
        }

        return ticks >= RefreshFrom(BinaryPrimitives.ReadInt64LittleEndian(buffer), BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(ValidUntilAt)))
            && Interlocked.CompareExchange(ref state, RefreshClaimed, Refreshable) == Refreshable;
    }

    /// <summary>Whether, at <paramref name="ticks"/>, the view is in the part of its life where reads ask for its refresh.</summary>
    public bool IsDueForRefresh(long ticks) =>
        Unsafe.As<byte, int>(ref Buffer[RefreshAt]) != NotRefreshable && ticks >= RefreshFrom(EvaluatedTicks, ValidUntilTicks);

    /// <summary>The start of the last quarter of a life from <paramref name="evaluated"/> to <paramref name="validUntil"/>.</summary>
    private static long RefreshFrom(long evaluated, long validUntil) => validUntil - ((validUntil - evaluated) / 4);

    /// <summary>
    /// Whether <paramref name="response"/> is <paramref name="customerId"/>'s, read from the bytes themselves: a
    /// GetProfileResponse starts with its profile (field 1), and the profile with its customer id (field 1), as protobuf
    /// writes fields in order. Bytes laid out otherwise, or an id that is not ASCII or is longer than 127 characters,
    /// answer <see langword="false"/>, and the read goes through the actor table, so the layout decides only the speed,
    /// never the answer.
    /// </summary>
    private static bool IsFor(ReadOnlySpan<byte> response, string customerId)
    {
        if (response.Length < 2 || response[0] != 0x0A)
        {
            return false;
        }

        // The profile's length, a varint of up to five bytes.
        var at = 1;
        while (at < response.Length && at < 6 && (response[at] & 0x80) != 0)
        {
            at++;
        }

        at++;
        if (at + 2 > response.Length || response[at] != 0x0A || response[at + 1] != customerId.Length || customerId.Length > 127)
        {
            return false;
        }

        at += 2;
        return at + customerId.Length <= response.Length && Ascii.Equals(response.Slice(at, customerId.Length), customerId);
    }
}
