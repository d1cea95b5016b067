using System.IO.Pipelines;

namespace CustomerView.Http2.Server;

/// <summary>
/// A connection's outgoing bytes. Frames are written into <see cref="Pending"/> under <see cref="Sync"/> by the
/// connection's loop and by handlers that went asynchronous; <see cref="FlushAsync"/> moves what is pending to the
/// transport and flushes it. Only one flush runs at a time, so the transport's writer never sees two threads; frames
/// written while a flush runs wait in a second buffer for the next one, and a caller that finds a flush running waits
/// for it and then flushes what it wrote itself.
/// </summary>
internal sealed class Http2Output : IDisposable
{
    private readonly PipeWriter _transport;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Http2OutputBuffer _pending = new();
    private Http2OutputBuffer _sending = new();
    private bool _closed;

    public Http2Output(PipeWriter transport) => _transport = transport;

    /// <summary>The lock that guards <see cref="Pending"/> and everything a frame's writer decides (windows, stream states).</summary>
    public Lock Sync { get; } = new();

    /// <summary>Frames not yet flushed; write only while holding <see cref="Sync"/>.</summary>
    public Http2OutputBuffer Pending => _pending;

    /// <summary>Whether the transport failed or was closed: what is written is discarded.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Bytes waiting for a flush: exact under <see cref="Sync"/>, a hint without it.</summary>
    public int PendingLength => _pending.Length;

    /// <summary>Flushes everything written before the call.</summary>
    public ValueTask FlushAsync()
    {
        if (IsClosed)
        {
            return ValueTask.CompletedTask;
        }

        return _gate.Wait(0) ? FlushHeld() : WaitThenFlushAsync();
    }

    /// <summary>
    /// Flushes everything written before the call, unless another flush is running and fewer than
    /// <paramref name="waitFrom"/> bytes are pending: that flush takes them before it ends, and the caller goes on
    /// without waiting for it. A connection's loop ends each read so: waiting on a flush that an asynchronous handler
    /// started would move the loop to the thread pool (the gate's waiters resume there) for the sake of a few bytes,
    /// while past <paramref name="waitFrom"/> the wait is the transport's back-pressure, which the loop must feel.
    /// </summary>
    public ValueTask FlushOrJoinAsync(int waitFrom)
    {
        if (IsClosed)
        {
            return ValueTask.CompletedTask;
        }

        if (_gate.Wait(0))
        {
            return FlushHeld();
        }

        return _pending.Length < waitFrom ? ValueTask.CompletedTask : WaitThenFlushAsync();
    }

    /// <summary>Flushes without waiting; a failure closes the output.</summary>
    public void FlushInBackground() => LetRun(FlushAsync());

    /// <summary>
    /// Flushes without waiting unless a flush already runs: that one takes what is pending now before it ends, so a
    /// writer that only wants its bytes on their way need not queue behind it.
    /// </summary>
    public void FlushInBackgroundUnlessFlushing()
    {
        if (IsClosed || !_gate.Wait(0))
        {
            return;
        }

        LetRun(FlushHeld());
    }

    /// <summary>Discards what is pending and everything written from now on.</summary>
    public void Close()
    {
        lock (Sync)
        {
            _closed = true;
            _pending.Release();
        }
    }

    /// <summary>
    /// Gives the buffers back to the pool unless a flush still runs (then they are left to the collector). The gate is
    /// not disposed: a flusher may still be queued on it, and it never allocates a wait handle.
    /// </summary>
    public void Dispose()
    {
        Close();
        if (_gate.Wait(0))
        {
            _sending.Release();
            _gate.Release();
        }
    }

    /// <summary>Lets a flush finish on its own; a flush never throws (a failure closes the output).</summary>
    private static void LetRun(ValueTask flush)
    {
        if (!flush.IsCompleted)
        {
            _ = ObserveAsync(flush);
        }
    }

    private static async Task ObserveAsync(ValueTask flush) => await flush.ConfigureAwait(false);

    private bool HasPending()
    {
        lock (Sync)
        {
            return !_closed && _pending.Length > 0;
        }
    }

    private bool TakePending()
    {
        lock (Sync)
        {
            if (_closed || _pending.Length == 0)
            {
                return false;
            }

            (_pending, _sending) = (_sending, _pending);
            return true;
        }
    }

    private ValueTask<FlushResult> WriteAndFlush()
    {
        _sending.WriteTo(_transport);
        return _transport.FlushAsync();
    }

    private void Observe(FlushResult result)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            Close();
        }
    }

    /// <summary>
    /// Waits for the gate and flushes with it held. Releasing it at once and trying again would hand it round the
    /// queued waiters forever (SemaphoreSlim gives a released count to the next waiter), and none would flush.
    /// </summary>
    private async ValueTask WaitThenFlushAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        await FlushHeld().ConfigureAwait(false);
    }

    /// <summary>Flushes while holding the gate, and releases it.</summary>
    private ValueTask FlushHeld()
    {
        try
        {
            while (true)
            {
                if (!TakePending())
                {
                    _gate.Release();

                    // Written between the last look and the release: flush it unless the gate went to another flusher,
                    // which then flushes it.
                    if (!HasPending() || !_gate.Wait(0))
                    {
                        return ValueTask.CompletedTask;
                    }

                    continue;
                }

                var flush = WriteAndFlush();
                if (!flush.IsCompletedSuccessfully)
                {
                    return CompleteFlushAsync(flush);
                }

                Observe(flush.Result);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            Close();
            _gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    private async ValueTask CompleteFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            Observe(await flush.ConfigureAwait(false));
            while (TakePending())
            {
                Observe(await WriteAndFlush().ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }

        if (HasPending())
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }
}
