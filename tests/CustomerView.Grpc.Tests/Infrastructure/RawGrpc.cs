using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace CustomerView.Grpc.Tests.Infrastructure;

/// <summary>Hand-built gRPC requests over HttpClient's HTTP/2, byte for byte, and raw reading of the answer.</summary>
public static class RawGrpc
{
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    public static byte[] Frame(IMessage message, bool compressed = false)
    {
        var payload = message.ToByteArray();
        if (compressed)
        {
            payload = GzipCodec.Compress(payload);
        }

        return FrameBytes(payload, compressed);
    }

    public static byte[] FrameBytes(byte[] payload, bool compressed = false)
    {
        var frame = new byte[GrpcProtocol.MessageHeaderSize + payload.Length];
        GrpcFraming.WriteHeader(frame, compressed, payload.Length);
        payload.CopyTo(frame, GrpcProtocol.MessageHeaderSize);
        return frame;
    }

    public static HttpRequestMessage Request(Uri server, string path, HttpContent content, string contentType = GrpcProtocol.ContentType)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>Reads every message of a response body (after the whole body arrived, so trailers are readable too).</summary>
    public static async Task<List<(bool Compressed, byte[] Payload)>> ReadFramesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var frames = new List<(bool, byte[])>();
        var buffer = new ReadOnlySequence<byte>(body);
        while (GrpcFraming.TryReadFrame(ref buffer, int.MaxValue, out var payload, out var compressed) == MessageReadOutcome.Message)
        {
            frames.Add((compressed, payload.ToArray()));
        }

        Assert.True(buffer.IsEmpty, "The response body ends inside a message.");
        return frames;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    public static string? Trailer(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    /// <summary>A body sent in the given pieces, each flushed on its own with a pause, so that they arrive in separate DATA frames.</summary>
    public sealed class ChunkedContent(IReadOnlyList<byte[]> chunks, TimeSpan pause) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var chunk in chunks)
            {
                await stream.WriteAsync(chunk, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                await Task.Delay(pause, cancellationToken);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body whose first bytes are sent at once and whose end never comes until the test is over.</summary>
    public sealed class OpenEndedContent(byte[] first, Task end) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(first, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await end.WaitAsync(cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    public static PipeReader Reader(byte[] bytes) => PipeReader.Create(new ReadOnlySequence<byte>(bytes));
}
