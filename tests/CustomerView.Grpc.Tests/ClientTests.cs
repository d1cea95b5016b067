using CustomerView.Grpc.Client;
using CustomerView.Grpc.Server;
using CustomerView.Grpc.Tests.Infrastructure;
using CustomerView.Grpc.Tests.V1;
using Google.Protobuf;

namespace CustomerView.Grpc.Tests;

/// <summary>Our client against our server over loopback h2c.</summary>
public class ClientTests : IAsyncLifetime
{
    /// <summary>Whose HTTP/2 the server speaks.</summary>
    protected virtual GrpcHttp2Server Http2 => GrpcHttp2Server.CustomerView;

    private TestServer _server = null!;
    private GrpcChannel _channel = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(http2: Http2);
        _channel = _server.CreateChannel();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private static CallOptions Options => new() { CancellationToken = TestContext.Current.CancellationToken };

    [Fact]
    public async Task UnaryAsync_ReturnsEcho_WhenServerIsRunning()
    {
        var response = await _channel.UnaryAsync(TestMethods.Echo, new TestRequest { Message = "hello" }, Options);
        Assert.Equal("hello", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsUnimplemented_WhenMethodIsUnknown()
    {
        var missing = TestMethods.Echo with { Path = "/customerview.grpctest.v1.TestService/Missing" };
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(missing, new TestRequest(), Options));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Method is unimplemented.", ex.Status.Detail);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsUnknownWithGenericMessage_WhenHandlerThrows()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestMethods.Throw, new TestRequest(), Options));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsUnknownWithDetails_WhenDetailedErrorsAreOn()
    {
        await using var server = await TestServer.StartAsync(o => o.EnableDetailedErrors = true);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Throw, new TestRequest(), Options));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler. InvalidOperationException: secret internal detail", ex.Status.Detail);
    }

    [Theory]
    [InlineData(StatusCode.Cancelled)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.OutOfRange)]
    [InlineData(StatusCode.Unimplemented)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DataLoss)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task UnaryAsync_ThrowsHandlersStatusAndTrailers_WhenHandlerFails(StatusCode code)
    {
        var request = new TestRequest { StatusCode = (int)code, StatusMessage = $"failed: {code} — 50% ñ" };
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestMethods.Fail, request, Options));

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(request.StatusMessage, ex.Status.Detail);
        Assert.Equal("requested", ex.Trailers.GetValue("x-failure"));
    }

    [Fact]
    public async Task UnaryCallAsync_RoundTripsMetadata_WhenAsciiAndBinary()
    {
        var headers = new Metadata { { "x-echo-text", "plain" }, { "x-echo-blob-bin", new byte[] { 0, 1, 254, 255 } } };
        var result = await _channel.UnaryCallAsync(TestMethods.Echo, new TestRequest(), Options with { Headers = headers });

        Assert.Equal("plain", result.Headers.GetValue("x-echo-text"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, result.Headers.GetValueBytes("x-echo-blob-bin"));
        Assert.Equal("plain", result.Trailers.GetValue("x-echo-text"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, result.Trailers.GetValueBytes("x-echo-blob-bin"));
    }

    [Fact]
    public async Task UnaryAsync_ThrowsResourceExhausted_WhenRequestExceedsServerLimit()
    {
        var request = new TestRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) };
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestMethods.Echo, request, Options));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", ex.Status.Detail);
    }

    [Fact]
    public async Task UnaryAsync_ReturnsLargeMessage_WhenWithinLimits()
    {
        var request = new TestRequest { Payload = ByteString.CopyFrom(new byte[3 * 1024 * 1024]), ResponseSize = 3 * 1024 * 1024 };
        var response = await _channel.UnaryAsync(TestMethods.Echo, request, Options);

        Assert.Equal(3 * 1024 * 1024, response.Payload.Length);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsResourceExhausted_WhenResponseExceedsClientLimit()
    {
        using var channel = _server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Echo, new TestRequest { ResponseSize = 2000 }, Options));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_CompressesBothWays_WhenServerAndClientUseGzip()
    {
        await using var server = await TestServer.StartAsync(o => o.ResponseCompression = "gzip");
        using var channel = server.CreateChannel();
        var request = new TestRequest { Message = new string('x', 100_000) };
        var response = await channel.UnaryAsync(TestMethods.Echo, request, Options with { CompressRequest = true });
        Assert.Equal(request.Message, response.Message);

        using var http = RawGrpc.CreateClient();
        var raw = RawGrpc.Request(server.Address, "/customerview.grpctest.v1.TestService/Echo", new ByteArrayContent(RawGrpc.Frame(request)));
        raw.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        using var httpResponse = await http.SendAsync(raw, TestContext.Current.CancellationToken);
        var frames = await RawGrpc.ReadFramesAsync(httpResponse, TestContext.Current.CancellationToken);
        Assert.Equal("gzip", RawGrpc.Header(httpResponse, "grpc-encoding"));
        Assert.True(frames.Single().Compressed);
        Assert.True(frames.Single().Payload.Length < 10_000);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(4091, 0)]
    [InlineData(4092, 0)]
    [InlineData(300_000, 0)]
    [InlineData(5000, 20)]
    public async Task UnaryAsync_ReturnsTheHandlersBytes_WhenTheResponseIsPreSerialized(int size, int delayMs)
    {
        var request = new TestRequest { Message = "pre", ResponseSize = size, DelayMs = delayMs };
        var response = await _channel.UnaryAsync(TestMethods.EchoSerialized, request, Options);

        Assert.Equal("pre", response.Message);
        Assert.Equal(size, response.Payload.Length);
    }

    [Fact]
    public async Task UnaryAsync_CompressesPreSerializedResponse_WhenServerAndClientUseGzip()
    {
        await using var server = await TestServer.StartAsync(o => o.ResponseCompression = "gzip");
        var request = new TestRequest { Message = new string('x', 100_000) };
        using var http = RawGrpc.CreateClient();
        var raw = RawGrpc.Request(server.Address, "/customerview.grpctest.v1.TestService/EchoSerialized", new ByteArrayContent(RawGrpc.Frame(request)));
        raw.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        using var httpResponse = await http.SendAsync(raw, TestContext.Current.CancellationToken);
        var frames = await RawGrpc.ReadFramesAsync(httpResponse, TestContext.Current.CancellationToken);

        Assert.Equal("gzip", RawGrpc.Header(httpResponse, "grpc-encoding"));
        Assert.True(frames.Single().Compressed);
        Assert.True(frames.Single().Payload.Length < 10_000);
        using var channel = server.CreateChannel();
        Assert.Equal(request.Message, (await channel.UnaryAsync(TestMethods.EchoSerialized, request, Options)).Message);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsResourceExhausted_WhenPreSerializedResponseExceedsServerSendLimit()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxSendMessageSize = 1000);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.EchoSerialized, new TestRequest { ResponseSize = 2000 }, Options));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsDeadlineExceededAndStopsHandler_WhenDeadlinePasses()
    {
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            TestMethods.Sleep, new TestRequest { DelayMs = 30_000 }, Options with { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(_server.Probe.Finished.Task.IsCompleted);
    }

    [Fact]
    public async Task ReadAllAsync_ReturnsEveryMessage_WhenStreamCompletes()
    {
        using var call = _channel.ServerStreaming(TestMethods.Stream, new TestRequest { Count = 20, Message = "s" }, Options);
        var indexes = new List<int>();
        await foreach (var message in call.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            indexes.Add(message.Index);
        }

        Assert.Equal(Enumerable.Range(0, 20), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task ReadAllAsync_ThrowsDeadlineExceededAfterSomeMessages_WhenDeadlinePassesMidStream()
    {
        using var call = _channel.ServerStreaming(
            TestMethods.Stream, new TestRequest { Count = 1000, DelayMs = 50 }, Options with { Timeout = TimeSpan.FromMilliseconds(700) });
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in call.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(received, 1, 20);
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var written = _server.Probe.MessagesWritten;
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(written, _server.Probe.MessagesWritten);
    }

    [Fact]
    public async Task ReadAllAsync_StopsHandler_WhenClientCancels()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var call = _channel.ServerStreaming(TestMethods.Stream, new TestRequest { Count = 1000, DelayMs = 20 }, Options);
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in call.ReadAllAsync(cancel.Token))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(_server.Probe.Finished.Task.IsCompleted);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsUnavailable_WhenNothingListens()
    {
        using var channel = GrpcChannel.ForAddress(new Uri("http://127.0.0.1:1"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Echo, new TestRequest(), Options));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_Succeeds_WhenManyCallsRunConcurrently()
    {
        var calls = Enumerable.Range(0, 300)
            .Select(i => _channel.UnaryAsync(TestMethods.Echo, new TestRequest { Message = i.ToString() }, Options))
            .ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString()), responses.Select(r => r.Message));
    }
}

/// <summary>The same calls from our client, against the server on Kestrel's HTTP/2 (the other choice of <see cref="GrpcEndpointOptions.Http2Server"/>).</summary>
public sealed class ClientTestsOnKestrel : ClientTests
{
    protected override GrpcHttp2Server Http2 => GrpcHttp2Server.Kestrel;
}
