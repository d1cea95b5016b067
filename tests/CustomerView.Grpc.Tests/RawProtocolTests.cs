using System.Net;
using CustomerView.Grpc.Tests.Infrastructure;
using CustomerView.Grpc.Tests.V1;
using Google.Protobuf;

namespace CustomerView.Grpc.Tests;

/// <summary>Hand-built HTTP/2 requests against a real server: the bytes on the wire, not what a client library makes of them.</summary>
public sealed class RawProtocolTests : IAsyncLifetime
{
    private const string Echo = "/customerview.grpctest.v1.TestService/Echo";
    private const string Sleep = "/customerview.grpctest.v1.TestService/Sleep";
    private const string Abandon = "/customerview.grpctest.v1.TestService/Abandon";
    private TestServer _server = null!;
    private readonly HttpClient _http = RawGrpc.CreateClient();

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_Returns415_WhenContentTypeIsNotGrpc()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "x" });
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(frame), "application/json"), Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_AcceptsProtoSubtype_WhenContentTypeIsGrpcPlusProto()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "proto" });
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(frame), "application/grpc+proto"), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
        Assert.Equal("proto", TestResponse.Parser.ParseFrom(frames.Single().Payload).Message);
    }

    [Theory]
    [InlineData("/customerview.grpctest.v1.TestService/Nope", "Method is unimplemented.")]
    [InlineData("/no.such.Service/Method", "Service is unimplemented.")]
    public async Task Post_ReturnsTrailersOnlyUnimplemented_WhenMethodIsUnknown(string path, string message)
    {
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, path, new ByteArrayContent(RawGrpc.Frame(new TestRequest()))), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(frames);
        Assert.Equal("12", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal(message, RawGrpc.Header(response, "grpc-message"));
        Assert.Null(RawGrpc.Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Get_FallsThroughToNextMiddleware_WhenRequestIsNotGrpc()
    {
        var body = await _http.GetStringAsync(new Uri(_server.Address, "/plain"), Token);
        Assert.Equal("not grpc", body);
    }

    [Fact]
    public async Task Post_ReadsMessage_WhenPrefixAndBodyArriveInOneByteFrames()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "split", Payload = ByteString.CopyFrom(new byte[40]) });
        var chunks = frame.Select(b => new[] { b }).ToList();
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, Echo, new RawGrpc.ChunkedContent(chunks, TimeSpan.FromMilliseconds(2))), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
        Assert.Equal("split", TestResponse.Parser.ParseFrom(frames.Single().Payload).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(100)]
    public async Task Post_ReadsMessage_WhenFrameIsSplitAtAnyOffset(int offset)
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = new string('q', 300) });
        var chunks = new List<byte[]> { frame[..offset], frame[offset..] };
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, Echo, new RawGrpc.ChunkedContent(chunks, TimeSpan.FromMilliseconds(20))), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
        Assert.Equal(300, TestResponse.Parser.ParseFrom(frames.Single().Payload).Message.Length);
    }

    [Fact]
    public async Task Post_ReturnsResourceExhaustedBeforeBodyArrives_WhenDeclaredLengthExceedsLimit()
    {
        var neverEnds = new TaskCompletionSource();
        var prefix = new byte[5];
        GrpcFraming.WriteHeader(prefix, compressed: false, 64 * 1024 * 1024);
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, Echo, new RawGrpc.OpenEndedContent(prefix, neverEnds.Task)),
            HttpCompletionOption.ResponseHeadersRead, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("8", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Received message exceeds the maximum configured message size.", RawGrpc.Header(response, "grpc-message"));
        neverEnds.SetResult();
    }

    [Fact]
    public async Task Post_ReturnsInternal_WhenMessageIsUnparseable()
    {
        var frame = RawGrpc.FrameBytes([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(frame)), Token);

        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_ReturnsInternal_WhenUnaryRequestHasTwoMessages()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "one" });
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent([.. frame, .. frame])), Token);

        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Additional data after the message received.", RawGrpc.Header(response, "grpc-message"));
    }

    [Fact]
    public async Task Post_ReturnsInternal_WhenUnaryRequestHasNoMessage()
    {
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent([])), Token);

        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Incomplete message.", RawGrpc.Header(response, "grpc-message"));
    }

    [Fact]
    public async Task Post_ReturnsInternal_WhenBodyEndsInsideMessage()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "truncated" });
        using var response = await _http.SendAsync(RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(frame[..^2])), Token);

        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Incomplete message.", RawGrpc.Header(response, "grpc-message"));
    }

    [Fact]
    public async Task Post_IgnoresTimeout_WhenGrpcTimeoutIsMalformed()
    {
        var request = RawGrpc.Request(_server.Address, Sleep, new ByteArrayContent(RawGrpc.Frame(new TestRequest { DelayMs = 100, Message = "slept" })));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "1x");
        using var response = await _http.SendAsync(request, Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
        Assert.Equal("slept", TestResponse.Parser.ParseFrom(frames.Single().Payload).Message);
    }

    [Theory]
    [InlineData("200m")]
    [InlineData("200000u")]
    [InlineData("99999999n")]
    [InlineData("1S")]
    public async Task Post_EndsWithDeadlineExceeded_WhenTimeoutInUnitPasses(string timeout)
    {
        var request = RawGrpc.Request(_server.Address, Sleep, new ByteArrayContent(RawGrpc.Frame(new TestRequest { DelayMs = 20_000 })));
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        using var response = await _http.SendAsync(request, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("4", RawGrpc.Header(response, "grpc-status") ?? RawGrpc.Trailer(response, "grpc-status"));
        Assert.Equal("Sleep", (await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Token)).Split('/')[^1]);
    }

    [Fact]
    public async Task Post_EndsWithDeadlineExceeded_WhenHandlerFailsBeforeServerSeesDeadline()
    {
        var request = RawGrpc.Request(_server.Address, Abandon, new ByteArrayContent(RawGrpc.Frame(new TestRequest())));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "100m");
        using var response = await _http.SendAsync(request, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("4", RawGrpc.Header(response, "grpc-status") ?? RawGrpc.Trailer(response, "grpc-status"));
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("1H")]
    [InlineData("99999999H")]
    public async Task Post_CompletesNormally_WhenTimeoutInLargeUnitIsFarAway(string timeout)
    {
        var request = RawGrpc.Request(_server.Address, Sleep, new ByteArrayContent(RawGrpc.Frame(new TestRequest { DelayMs = 10, Message = "ok" })));
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        using var response = await _http.SendAsync(request, Token);
        await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_ReturnsUnimplementedListingEncodings_WhenRequestEncodingIsUnsupported()
    {
        var request = RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(RawGrpc.Frame(new TestRequest())));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");
        using var response = await _http.SendAsync(request, Token);

        Assert.Equal("12", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Unsupported grpc-encoding value 'snappy'. Supported encodings: identity, gzip", RawGrpc.Header(response, "grpc-message"));
        Assert.Equal("identity,gzip", RawGrpc.Header(response, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task Post_DecompressesRequest_WhenMessageIsGzipped()
    {
        var request = RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(RawGrpc.Frame(new TestRequest { Message = new string('g', 2000) }, compressed: true)));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await _http.SendAsync(request, Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
        Assert.False(frames.Single().Compressed);
        Assert.Equal(2000, TestResponse.Parser.ParseFrom(frames.Single().Payload).Message.Length);
    }

    [Fact]
    public async Task Post_ReturnsInternal_WhenCompressedMessageHasNoEncoding()
    {
        var request = RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(RawGrpc.Frame(new TestRequest { Message = "c" }, compressed: true)));
        using var response = await _http.SendAsync(request, Token);

        Assert.Equal("13", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("Request did not include grpc-encoding value with compressed message.", RawGrpc.Header(response, "grpc-message"));
    }

    [Fact]
    public async Task Post_DecodesBinaryMetadataAndEchoesUnpadded_WhenValueIsPaddedOrNot()
    {
        var request = RawGrpc.Request(_server.Address, Echo, new ByteArrayContent(RawGrpc.Frame(new TestRequest())));
        request.Headers.TryAddWithoutValidation("x-echo-padded-bin", "AQIDBA==");
        request.Headers.TryAddWithoutValidation("x-echo-unpadded-bin", "AQIDBA");
        request.Headers.TryAddWithoutValidation("x-echo-text", "hello");
        using var response = await _http.SendAsync(request, Token);
        await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("AQIDBA", RawGrpc.Header(response, "x-echo-padded-bin"));
        Assert.Equal("AQIDBA", RawGrpc.Header(response, "x-echo-unpadded-bin"));
        Assert.Equal("hello", RawGrpc.Header(response, "x-echo-text"));
        Assert.Equal("AQIDBA", RawGrpc.Trailer(response, "x-echo-padded-bin"));
        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_PercentEncodesStatusMessage_WhenMessageHasNonAscii()
    {
        var failure = new TestRequest { StatusCode = (int)StatusCode.FailedPrecondition, StatusMessage = "saldo 100% ñ" };
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, "/customerview.grpctest.v1.TestService/Fail", new ByteArrayContent(RawGrpc.Frame(failure))), Token);

        Assert.Equal("9", RawGrpc.Header(response, "grpc-status"));
        Assert.Equal("saldo 100%25 %C3%B1", RawGrpc.Header(response, "grpc-message"));
        Assert.Equal("requested", RawGrpc.Header(response, "x-failure"));
    }

    [Fact]
    public async Task Post_SendsHeadersMessagesAndTrailers_WhenStreamSucceeds()
    {
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, "/customerview.grpctest.v1.TestService/Stream", new ByteArrayContent(RawGrpc.Frame(new TestRequest { Count = 3 }))), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(RawGrpc.Header(response, "grpc-status"));
        Assert.Equal([0, 1, 2], frames.Select(f => TestResponse.Parser.ParseFrom(f.Payload).Index));
        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_JoinsClientStream_WhenRequestHasSeveralMessages()
    {
        byte[] body = [.. RawGrpc.Frame(new TestRequest { Message = "a" }), .. RawGrpc.Frame(new TestRequest { Message = "b" }), .. RawGrpc.Frame(new TestRequest { Message = "c" })];
        using var response = await _http.SendAsync(
            RawGrpc.Request(_server.Address, "/customerview.grpctest.v1.TestService/Join", new RawGrpc.ChunkedContent([body[..4], body[4..9], body[9..]], TimeSpan.FromMilliseconds(10))), Token);
        var frames = await RawGrpc.ReadFramesAsync(response, Token);

        Assert.Equal("a,b,c", TestResponse.Parser.ParseFrom(frames.Single().Payload).Message);
        Assert.Equal("0", RawGrpc.Trailer(response, "grpc-status"));
    }

    [Fact]
    public async Task Post_CancelsHandler_WhenClientResetsStream()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var request = RawGrpc.Request(_server.Address, Sleep, new ByteArrayContent(RawGrpc.Frame(new TestRequest { DelayMs = 30_000 })));
        var call = _http.SendAsync(request, cancel.Token);
        await _server.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.EndsWith("/Sleep", await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Token));
        Assert.False(_server.Probe.Finished.Task.IsCompleted);
    }
}
