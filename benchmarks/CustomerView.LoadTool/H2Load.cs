using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
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

    [GeneratedRegex(@"finished in [^,]+, ([0-9.]+) req/s")]
    private static partial Regex Rate();
}
