using System.IO.Pipelines;
using CustomerView.Http2.Server;

namespace CustomerView.Http2.Tests.Server;

public sealed class Http2OutputTests
{
    [Fact]
    public async Task FlushAsync_DeliversEveryWrite_WhenManyWritersFlushWhileTransportPushesBack()
    {
        const int Writers = 16, Writes = 20, Size = 100;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256, resumeWriterThreshold: 128, useSynchronizationContext: false));
        using var output = new Http2Output(pipe.Writer);
        var reading = ReadSlowlyAsync(pipe.Reader, Writers * Writes * Size);

        var writing = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < Writes; i++)
            {
                lock (output.Sync)
                {
                    output.Pending.Write(new byte[Size]);
                }

                await output.FlushAsync();
            }
        }));
        await Task.WhenAll(writing).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(Writers * Writes * Size, await reading.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.False(output.IsClosed);
    }

    [Fact]
    public async Task FlushInBackgroundUnlessFlushing_LeavesBytesToTheRunningFlush_WhenTheTransportHoldsItBack()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32, useSynchronizationContext: false));
        using var output = new Http2Output(pipe.Writer);
        Write(output, 100);
        var held = output.FlushAsync();
        var heldBack = !held.IsCompleted;

        Write(output, 10);
        output.FlushInBackgroundUnlessFlushing();
        var pendingWhileHeld = output.PendingLength;
        var received = await ReadSlowlyAsync(pipe.Reader, 110).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await held.AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(heldBack, "the transport held the first flush back");
        Assert.Equal(10, pendingWhileHeld);
        Assert.Equal(110, received);
        Assert.Equal(0, output.PendingLength);
    }

    [Fact]
    public async Task FlushInBackgroundUnlessFlushing_Flushes_WhenNoFlushRuns()
    {
        var pipe = new Pipe();
        using var output = new Http2Output(pipe.Writer);
        Write(output, 10);

        output.FlushInBackgroundUnlessFlushing();
        var result = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Buffer.Length);
        Assert.Equal(0, output.PendingLength);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(50, false)]
    public async Task FlushOrJoinAsync_LeavesBytesToTheRunningFlush_OnlyBelowTheLimit(int pending, bool joinsAtOnce)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32, useSynchronizationContext: false));
        using var output = new Http2Output(pipe.Writer);
        Write(output, 100);
        var held = output.FlushAsync();
        var heldBack = !held.IsCompleted;

        Write(output, pending);
        var flush = output.FlushOrJoinAsync(waitFrom: 50);
        var completedAtOnce = flush.IsCompleted;

        // Joined bytes reach the transport only if the running flush takes them: nothing else flushes here.
        var received = await ReadSlowlyAsync(pipe.Reader, 100 + pending).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await held.AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await flush.AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(heldBack, "the transport held the first flush back");
        Assert.Equal(joinsAtOnce, completedAtOnce);
        Assert.Equal(100 + pending, received);
        Assert.Equal(0, output.PendingLength);
    }

    [Fact]
    public async Task FlushOrJoinAsync_Flushes_WhenNoFlushRuns()
    {
        var pipe = new Pipe();
        using var output = new Http2Output(pipe.Writer);
        Write(output, 10);

        await output.FlushOrJoinAsync(waitFrom: 1);
        var result = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Buffer.Length);
        Assert.Equal(0, output.PendingLength);
    }

    [Fact]
    public async Task Close_DiscardsPendingBytes_WhenTransportIsGone()
    {
        var pipe = new Pipe();
        using var output = new Http2Output(pipe.Writer);
        await pipe.Reader.CompleteAsync();
        lock (output.Sync)
        {
            output.Pending.Write(new byte[10]);
        }

        await output.FlushAsync();

        Assert.True(output.IsClosed);
        Assert.Equal(0, output.PendingLength);
    }

    private static void Write(Http2Output output, int size)
    {
        lock (output.Sync)
        {
            output.Pending.Write(new byte[size]);
        }
    }

    private static async Task<long> ReadSlowlyAsync(PipeReader reader, long expected)
    {
        long total = 0;
        while (total < expected)
        {
            var result = await reader.ReadAsync();
            total += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            await Task.Delay(1);
        }

        return total;
    }
}
