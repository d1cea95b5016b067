using System.Buffers.Binary;
using System.Net;
using CustomerView.Http2.Frames;

namespace CustomerView.Http2.Tests.Server;

public sealed class Http2ConnectionTests : IAsyncLifetime
{
    private Http2TestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await Http2TestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HttpClient_ReadsResponse_WhenRequestIsGet()
    {
        using var client = CreateHttpClient();

        using var response = await client.GetAsync(new Uri(_server.Address, "/hello"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hello from HTTP/2 GET", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HttpClient_SendsWholeBody_WhenBodyIsLargerThanEveryWindow()
    {
        using var client = CreateHttpClient();
        var body = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(body);

        using var response = await client.PostAsync(new Uri(_server.Address, "/sum"), new ByteArrayContent(body), TestContext.Current.CancellationToken);

        Assert.Equal(
            $"{body.Length} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))}",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HttpClient_ReadsWholeResponse_WhenResponseIsLargerThanEveryWindow()
    {
        using var client = CreateHttpClient();

        var body = await client.GetByteArrayAsync(new Uri(_server.Address, "/bytes?n=3145728"), TestContext.Current.CancellationToken);

        Assert.Equal(3 * 1024 * 1024, body.Length);
        Assert.All(body, b => Assert.Equal((byte)'x', b));
    }

    [Theory]
    [InlineData("/reference?n=3145728", 0)]
    [InlineData("/reference?n=3145728&tail=1", 4)]
    [InlineData("/reference?n=0", 0)]
    public async Task HttpClient_ReadsBodyInOrder_WhenPartOfItIsAppendedByReference(string path, int tail)
    {
        using var client = CreateHttpClient();
        var count = int.Parse(path.Split("n=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.GetAsync(new Uri(_server.Address, path), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal("true", response.Headers.GetValues("x-by-reference").Single());
        Assert.Equal("head"u8.ToArray(), body[..4]);
        Assert.Equal(Http2TestServer.Pattern(count), body[4..(4 + count)]);
        Assert.Equal(tail > 0 ? "tail"u8.ToArray() : [], body[(4 + count)..]);
    }

    [Fact]
    public async Task Response_SendsReferencedBytesAfterHandlerReturned_WhenClientWindowHoldsThemBack()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, initialWindowSize: 10);

        // The first two frames copy their pieces of the reference; the rest is long enough to be spliced.
        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/reference?n=3000"), endStream: true);
        await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.Headers);
        var first = await client.ReadUntilAsync(f => f.StreamId == 1);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 1, 20)));
        var second = await client.ReadUntilAsync(f => f.StreamId == 1);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 1, 3000)));
        var body = new List<byte>(first.Payload.Concat(second.Payload));
        RawFrame last;
        do
        {
            last = await client.ReadUntilAsync(f => f.StreamId == 1);
            body.AddRange(last.Payload);
        }
        while (!last.Header.IsEndStream);

        Assert.Equal(10, first.Payload.Length);
        Assert.Equal(20, second.Payload.Length);
        Assert.Equal("head"u8.ToArray().Concat(Http2TestServer.Pattern(3000)), body);
    }

    [Fact]
    public async Task ReusedStream_SendsNothingOfTheLastBody_WhenThePeerResetTheStreamItsReferenceWaitedOn()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, initialWindowSize: 10);
        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/reference?n=3000"), endStream: true);
        await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.Data);

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteRstStream(w, 1, Http2ErrorCode.Cancel)));
        await client.SendHeadersAsync(3, RawHttp2Client.RequestBlock("GET", "/hello"), endStream: true);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 3, 1000)));
        var body = new List<byte>();
        RawFrame frame;
        do
        {
            frame = await client.ReadUntilAsync(f => (f.StreamId == 3 && f.Type == Http2FrameType.Data) || (f.StreamId == 1 && f.Type == Http2FrameType.Data));
            Assert.Equal(3, frame.StreamId);
            body.AddRange(frame.Payload);
        }
        while (!frame.Header.IsEndStream);

        Assert.Equal("hello from HTTP/2 GET", System.Text.Encoding.ASCII.GetString(body.ToArray()));
    }

    [Fact]
    public async Task HttpClient_ReadsTrailers_WhenApplicationAppendsThem()
    {
        using var client = CreateHttpClient();

        using var response = await client.GetAsync(new Uri(_server.Address, "/trailers"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("body", body);
        Assert.Equal(["after the body"], response.TrailingHeaders.GetValues("x-trailer"));
    }

    [Fact]
    public async Task HttpClient_Gets500_WhenApplicationThrowsBeforeResponding()
    {
        using var client = CreateHttpClient();

        using var response = await client.GetAsync(new Uri(_server.Address, "/throw"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task HttpClient_GetsEveryResponse_WhenManyRequestsShareOneConnection()
    {
        using var client = CreateHttpClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(async i =>
        {
            using var response = await client.PostAsync(new Uri(_server.Address, "/echo"), new StringContent(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), TestContext.Current.CancellationToken);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }));

        Assert.Equal(Enumerable.Range(0, 400).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), responses);
    }

    [Fact]
    public async Task Ping_IsAcknowledgedWithItsPayload()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WritePing(w, ack: false, 0x0102030405060708)));
        var ack = await client.ReadUntilAsync(f => f.Type == Http2FrameType.Ping);

        Assert.True(ack.Header.IsAck);
        Assert.Equal(0x0102030405060708UL, BinaryPrimitives.ReadUInt64BigEndian(ack.Payload));
    }

    [Fact]
    public async Task Connection_EndsWithProtocolError_WhenPrefaceIsWrong()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, handshake: false);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
        var goAway = await client.ReadGoAwayAndCloseAsync();

        Assert.NotNull(goAway);
        Assert.Equal(Http2ErrorCode.ProtocolError, goAway.ErrorCode);
    }

    [Fact]
    public async Task Connection_EndsWithProtocolError_WhenConnectionWindowUpdateIsZero()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteFrame(w, Http2FrameType.WindowUpdate, Http2FrameFlags.None, 0, [0, 0, 0, 0])));
        var goAway = await client.ReadGoAwayAndCloseAsync();

        Assert.Equal(Http2ErrorCode.ProtocolError, goAway!.ErrorCode);
    }

    [Fact]
    public async Task Connection_EndsWithProtocolError_WhenDataArrivesOnIdleStream()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteData(w, 5, "x"u8, endStream: true, 16_384)));
        var goAway = await client.ReadGoAwayAndCloseAsync();

        Assert.Equal(Http2ErrorCode.ProtocolError, goAway!.ErrorCode);
    }

    [Fact]
    public async Task Connection_EndsWithCompressionError_WhenHeaderBlockIsNotHpack()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendHeadersAsync(1, [0x80], endStream: true);
        var goAway = await client.ReadGoAwayAndCloseAsync();

        Assert.Equal(Http2ErrorCode.CompressionError, goAway!.ErrorCode);
    }

    [Theory]
    [InlineData("X-Upper", "value")]
    [InlineData("connection", "close")]
    [InlineData("te", "gzip")]
    public async Task Stream_IsResetWithProtocolErrorAndConnectionLivesOn_WhenRequestIsMalformed(string name, string value)
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/hello", (name, value)), endStream: true);
        var reset = await client.ReadUntilAsync(f => f.StreamId == 1);
        await client.SendHeadersAsync(3, RawHttp2Client.RequestBlock("GET", "/hello"), endStream: true);
        var next = await client.ReadUntilAsync(f => f.StreamId == 3);

        Assert.Equal(Http2FrameType.RstStream, reset.Type);
        Assert.Equal(Http2ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.Equal(Http2FrameType.Headers, next.Type);
    }

    [Fact]
    public async Task Response_WaitsForWindowUpdate_WhenClientWindowIsSmallerThanBody()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, initialWindowSize: 10);

        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/bytes?n=100"), endStream: true);
        await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.Headers);
        var first = await client.ReadUntilAsync(f => f.StreamId == 1);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WritePing(w, ack: false, 7)));
        var beforeUpdate = await client.ReadUntilAsync(f => f.StreamId == 1 || f.Type == Http2FrameType.Ping);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 1, 90)));
        var rest = 0;
        RawFrame last;
        do
        {
            last = await client.ReadUntilAsync(f => f.StreamId == 1);
            rest += last.Payload.Length;
        }
        while (!last.Header.IsEndStream);

        Assert.Equal(Http2FrameType.Data, first.Type);
        Assert.Equal(10, first.Payload.Length);
        Assert.Equal(Http2FrameType.Ping, beforeUpdate.Type);
        Assert.Equal(90, rest);
    }

    [Fact]
    public async Task Connection_SendsAnswersBeforeItsBatchEnds_WhenTheyPassTheFlushSize()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, initialWindowSize: 1 << 20);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 0, 1 << 20)));

        // One write, so one read on the server: five answers of 20,000 bytes (past the 64 KiB the loop flushes at; the
        // test holds for any size up to their 100,000), then a handler that holds the loop until this client has seen
        // an answer.
        await client.SendAsync(RawHttp2Client.Frame(w =>
        {
            for (var stream = 1; stream <= 9; stream += 2)
            {
                Http2FrameWriter.WriteHeaders(w, stream, RawHttp2Client.RequestBlock("GET", "/bytes?n=20000"), endStream: true, Http2Settings.MinMaxFrameSize);
            }

            Http2FrameWriter.WriteHeaders(w, 11, RawHttp2Client.RequestBlock("GET", "/block"), endStream: true, Http2Settings.MinMaxFrameSize);
        }));
        var first = await client.ReadUntilAsync(f => f.Type == Http2FrameType.Data);
        _server.Release.Set();
        var blocked = await client.ReadUntilAsync(f => f.StreamId == 11 && f.Header.IsEndStream);

        Assert.Equal(1, first.StreamId);
        Assert.True(_server.Released, "the answers waited for the end of the batch");
        Assert.NotNull(blocked);
    }

    [Fact]
    public async Task Handler_ResumesOnTheLoop_WhenItsBodyComesInALaterRead()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);
        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("POST", "/looped-body"), endStream: false);
        await _server.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteData(w, 1, new byte[10], endStream: true, Http2Settings.MinMaxFrameSize)));
        var data = await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.Data);

        Assert.Equal("True True False 10", System.Text.Encoding.ASCII.GetString(data.Payload));
    }

    [Fact]
    public async Task Stream_IsResetAndConnectionLivesOn_WhenTrailerCannotBeEncodedAfterWindowUpdate()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port, initialWindowSize: 10);

        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/badtrailer"), endStream: true);
        await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.Data);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteWindowUpdate(w, 1, 1000)));
        var reset = await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.RstStream);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WritePing(w, ack: false, 9)));
        var ping = await client.ReadUntilAsync(f => f.Type == Http2FrameType.Ping);

        Assert.Equal(Http2ErrorCode.InternalError, reset.ErrorCode);
        Assert.True(ping.Header.IsAck);
    }

    [Fact]
    public async Task LateData_IsIgnored_WhenItsStreamWasResetLongAgo()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);
        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("POST", "/hello"), endStream: false);
        var early = await client.ReadUntilAsync(f => f.StreamId == 1 && f.Type == Http2FrameType.RstStream);

        for (var id = 3; id < 3 + (2 * 300); id += 2)
        {
            await client.SendHeadersAsync(id, RawHttp2Client.RequestBlock("GET", "/hello"), endStream: true);
            await client.ReadUntilAsync(f => f.StreamId == id && f.Header.IsEndStream);
        }

        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteData(w, 1, "late"u8, endStream: true, 16_384)));
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WritePing(w, ack: false, 11)));
        var ping = await client.ReadUntilAsync(f => f.Type is Http2FrameType.Ping or Http2FrameType.GoAway);

        Assert.Equal(Http2ErrorCode.NoError, early.ErrorCode);
        Assert.Equal(Http2FrameType.Ping, ping.Type);
    }

    [Fact]
    public async Task RequestAborted_Fires_WhenClientResetsStream()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/wait"), endStream: true);
        await _server.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await client.SendAsync(RawHttp2Client.Frame(w => Http2FrameWriter.WriteRstStream(w, 1, Http2ErrorCode.Cancel)));

        await _server.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Stream_IsRefused_WhenItPassesMaxConcurrentStreams()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);

        for (var i = 0; i <= 100; i++)
        {
            await client.SendHeadersAsync((2 * i) + 1, RawHttp2Client.RequestBlock("GET", "/wait"), endStream: true);
        }

        var refused = await client.ReadUntilAsync(f => f.Type == Http2FrameType.RstStream);

        Assert.Equal(201, refused.StreamId);
        Assert.Equal(Http2ErrorCode.RefusedStream, refused.ErrorCode);
    }

    [Fact]
    public async Task Connection_SendsGoAwayNoError_WhenServerStops()
    {
        await using var client = await RawHttp2Client.ConnectAsync(_server.Port);
        await client.SendHeadersAsync(1, RawHttp2Client.RequestBlock("GET", "/hello"), endStream: true);
        await client.ReadUntilAsync(f => f.StreamId == 1 && f.Header.IsEndStream);

        await _server.StopAsync();
        var goAway = await client.ReadGoAwayAndCloseAsync();

        Assert.Equal(Http2ErrorCode.NoError, goAway!.ErrorCode);
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(goAway.Payload));
    }

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
}
