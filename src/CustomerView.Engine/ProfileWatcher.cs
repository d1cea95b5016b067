using System.Threading.Channels;
using CustomerView.Contracts.V1;

namespace CustomerView.Engine;

/// <summary>Why a watch ended from the server's side.</summary>
public enum WatchEnd
{
    /// <summary>Still open.</summary>
    Open = 0,
    /// <summary>The watcher did not keep up; its buffer overflowed.</summary>
    TooSlow = 1,
    /// <summary>The customer moved to another node (partition reassigned) or the node is stopping.</summary>
    Moved = 2,
}

/// <summary>
/// One open WatchProfile stream: a bounded buffer of updates. A watcher that falls behind by more than the buffer
/// is cut off (it never slows ingestion) and learns why through <see cref="Ended"/>.
/// </summary>
public sealed class ProfileWatcher
{
    private readonly Channel<ProfileUpdate> _updates;
    private int _ended;

    internal ProfileWatcher(ProfileView view, int capacity)
    {
        View = view;
        _updates = System.Threading.Channels.Channel.CreateBounded<ProfileUpdate>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The view the watcher asked for.</summary>
    public ProfileView View { get; }

    /// <summary>The updates, in order; completes when the watch ends from the server's side.</summary>
    public ChannelReader<ProfileUpdate> Updates => _updates.Reader;

    /// <summary>Why the server ended the watch; <see cref="WatchEnd.Open"/> while it lasts.</summary>
    public WatchEnd Ended => (WatchEnd)Volatile.Read(ref _ended);

    /// <summary>Queues <paramref name="update"/>; returns <see langword="false"/> (and ends the watch) when the buffer is full.</summary>
    internal bool Offer(ProfileUpdate update)
    {
        if (Ended != WatchEnd.Open)
        {
            return false;
        }

        if (_updates.Writer.TryWrite(update))
        {
            return true;
        }

        End(WatchEnd.TooSlow);
        return false;
    }

    internal void Moved() => End(WatchEnd.Moved);

    private void End(WatchEnd reason)
    {
        if (Interlocked.CompareExchange(ref _ended, (int)reason, (int)WatchEnd.Open) == (int)WatchEnd.Open)
        {
            _updates.Writer.TryComplete();
        }
    }
}
