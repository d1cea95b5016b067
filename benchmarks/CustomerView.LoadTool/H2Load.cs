using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace CustomerView.LoadTool;

/// <summary>Runs h2load (Debian nghttp2-client) against a gRPC method, as benchmarks/grpc-floor.sh does.</summary>
internal static partial class H2Load
{
    public const int Clients = 8;
    public const int Streams = 16;

    /// <summary>Writes <paramref name="message"/> as one length-prefixed gRPC message to a file h2load can send.</summary>
    public static string WriteBody(IMessage message, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Frame(message));
        return path;
    }

    /// <summary><paramref name="message"/> as one length-prefixed (uncompressed) gRPC message.</summary>
    public static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    /// <summary>Requests per second h2load reached sending <paramref name="requests"/> requests.</summary>
    public static async Task<double> RunAsync(Uri server, string path, string body, int requests)
    {
        var info = new ProcessStartInfo("h2load")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", Clients.ToString(CultureInfo.InvariantCulture),
            "-m", Streams.ToString(CultureInfo.InvariantCulture), "-t", "1", "-d", body,
            "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", "x-cv-caller: loadtool",
            new Uri(server, path).ToString(),
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("h2load did not start: apt-get install nghttp2-client");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (!output.Contains($"status codes: {requests} 2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"h2load did not get {requests} successful responses:\n{output}");
        }

        var match = Rate().Match(output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs h2load as <see cref="RunAsync"/> does and also measures what each call cost: the node's CPU (its own
    /// counters) and h2load's (the CPU of this process's children that ended meanwhile, getrusage RUSAGE_CHILDREN; the
    /// children this tool keeps, nodes and responders, end only at the end).
    /// </summary>
    public static async Task<H2LoadRound> RunMeasuredAsync(Child node, string path, string body, int requests)
    {
        var before = await node.StatsAsync();
        var clientBefore = ChildrenCpuMs();
        var rate = await RunAsync(node.Address, path, body, requests);
        var clientAfter = ChildrenCpuMs();
        var after = await node.StatsAsync();
        return new H2LoadRound(rate, (after.CpuMs - before.CpuMs) * 1000 / requests, (clientAfter - clientBefore) * 1000 / requests);
    }

    private static double ChildrenCpuMs()
    {
        const int ChildrenWho = -1;
        if (GetResourceUsage(ChildrenWho, out var usage) != 0)
        {
            return double.NaN;
        }

        return ((usage.UserSeconds + usage.SystemSeconds) * 1000.0) + ((usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0);
    }

    [GeneratedRegex(@"finished in [^,]+, ([0-9.]+) req/s")]
    private static partial Regex Rate();

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public Rest Others;

        [InlineArray(14)]
        public struct Rest
        {
            private long _first;
        }
    }
}

/// <summary>One h2load run: the rate, and the CPU each call cost the node and h2load (µs).</summary>
internal readonly record struct H2LoadRound(double Rate, double NodeMicroseconds, double ClientMicroseconds);
