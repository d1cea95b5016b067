using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Streams;

/// <summary>
/// A send window (RFC 9113 §5.2, §6.9): what the peer lets this end send on a stream or on the connection. DATA
/// spends it; WINDOW_UPDATE and a change of SETTINGS_INITIAL_WINDOW_SIZE move it. It may go negative after the
/// setting shrinks (§6.9.2), and may never pass 2³¹ − 1 (a FLOW_CONTROL_ERROR).
/// </summary>
internal struct Http2FlowWindow
{
    private long _available;

    /// <summary>A window of <paramref name="initial"/> bytes.</summary>
    public Http2FlowWindow(int initial) => _available = initial;

    /// <summary>Bytes this end may send now (negative after the peer shrank the initial window below what was in flight).</summary>
    public readonly long Available => _available;

    /// <summary>
    /// Spends <paramref name="length"/> bytes of DATA (the caller sends no more than <see cref="Available"/>; an empty
    /// DATA frame, such as one carrying only END_STREAM, needs no window, §6.9.1).
    /// </summary>
    public void Spend(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > 0)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _available);
        }

        _available -= length;
    }

    /// <summary>
    /// Applies a WINDOW_UPDATE; false when the window would pass 2³¹ − 1 (a FLOW_CONTROL_ERROR), leaving it unchanged.
    /// An increment of 0 is a PROTOCOL_ERROR (§6.9) that the caller answers before asking.
    /// </summary>
    public bool TryGrow(int increment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(increment);
        return TryAdjust(increment);
    }

    /// <summary>
    /// Moves a stream's window by the change of SETTINGS_INITIAL_WINDOW_SIZE (new minus old, §6.9.2), for every stream
    /// that may still send (open or half-closed remote), never the connection's; false when it would pass 2³¹ − 1,
    /// leaving it unchanged.
    /// </summary>
    public bool TryAdjust(long delta)
    {
        if (_available + delta > Http2Settings.MaxWindowSize)
        {
            return false;
        }

        _available += delta;
        return true;
    }
}
