using System.Net;
using System.Net.Sockets;
using CustomerView.Node;

namespace CustomerView.Integration.Tests;

public sealed class SocketThreadAffinityTests
{
    [Fact]
    public void ParseCpuList_ReadsRangesAndSingleCpus()
    {
        Assert.Equal([0, 1, 2, 3, 8, 10, 11], SocketThreadAffinity.ParseCpuList("0-3,8,10-11"));
        Assert.Equal([5], SocketThreadAffinity.ParseCpuList(" 5\n"));
    }

    [Fact]
    public void CpuFor_GivesTheAllowedCpusInTurn()
    {
        int[] allowed = [2, 5];

        Assert.Equal([2, 5, 2, 5], Enumerable.Range(0, 4).Select(i => SocketThreadAffinity.CpuFor(i, allowed)));
    }

    [Fact]
    public async Task PinEngineThreads_KeepsEachEngineThreadOnTheCpuItWasGiven_OnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");

        // An accept pending on a loopback listener makes the runtime start its socket engine.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var accepting = listener.AcceptAsync(cancel.Token).AsTask();

        var pinned = SocketThreadAffinity.PinEngineThreads();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);

        Assert.NotEmpty(pinned);
        Assert.Equal(SocketThreadAffinity.EngineThreads(), pinned.Select(p => p.Thread));
        foreach (var (thread, cpu) in pinned)
        {
            var allowed = File.ReadLines($"/proc/self/task/{thread}/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            Assert.Equal([cpu], SocketThreadAffinity.ParseCpuList(allowed["Cpus_allowed_list:".Length..]));
        }

        if (Environment.ProcessorCount > 1 && pinned.Count > 1)
        {
            Assert.NotEqual(pinned[0].Cpu, pinned[1].Cpu);
        }
    }
}
