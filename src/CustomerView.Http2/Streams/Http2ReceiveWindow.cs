namespace CustomerView.Http2.Streams;

/// <summary>
/// A receive window (RFC 9113 §6.9): what this end lets the peer send on a stream or on the connection. Every DATA
/// frame's whole payload counts, padding included (§6.1); a frame past the window is a FLOW_CONTROL_ERROR. The window
/// reopens as the receiver consumes what arrived (so a slow reader holds the sender back): once half of the window's
/// size has been consumed, <see cref="TakeUpdate"/> gives the WINDOW_UPDATE that restores it, so a steady sender is not
/// stopped and small frames do not each cost an update.
/// </summary>
internal struct Http2ReceiveWindow
{
    private readonly int _size;
    private long _available;
    private long _consumed;

    /// <summary>A window of <paramref name="size"/> bytes (1 to 2³¹ − 1), open from the start.</summary>
    public Http2ReceiveWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _size = size;
        _available = size;
    }

    /// <summary>Bytes the peer may still send.</summary>
    public readonly long Available => _available;

    /// <summary>Takes in a DATA frame of <paramref name="length"/> bytes; false when it is past the window (a FLOW_CONTROL_ERROR).</summary>
    public bool TryReceive(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > _available)
        {
            return false;
        }

        _available -= length;
        return true;
    }

    /// <summary>Marks <paramref name="length"/> received bytes as consumed (read by the application, or dropped).</summary>
    public void Consume(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _size - _available - _consumed);
        _consumed += length;
    }

    /// <summary>
    /// The WINDOW_UPDATE increment to send now: everything consumed since the last one, once that is at least half the
    /// window's size; 0 when no update is due.
    /// </summary>
    public int TakeUpdate()
    {
        if (_consumed < (_size + 1L) / 2)
        {
            return 0;
        }

        var increment = (int)_consumed;
        _available += increment;
        _consumed = 0;
        return increment;
    }
}
