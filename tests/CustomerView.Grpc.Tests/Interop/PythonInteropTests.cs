using System.Diagnostics;
using System.Text.Json;
using CustomerView.Grpc.Health.V1;
using CustomerView.Grpc.Server;
using CustomerView.Grpc.Tests.Infrastructure;
using CustomerView.Grpc.Tests.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CustomerView.Grpc.Tests.Interop;

/// <summary>
/// python3-grpcio (Debian's, a client nobody here wrote) calls our server; each answer must be what a Grpc.AspNetCore
/// server gives: the same status codes and the same status messages.
/// </summary>
public class PythonInteropTests : IAsyncLifetime
{
    /// <summary>Whose HTTP/2 the server speaks.</summary>
    protected virtual GrpcHttp2Server Http2 => GrpcHttp2Server.CustomerView;

    private const string Service = "/customerview.grpctest.v1.TestService/";
    private TestServer _server = null!;
    private string _descriptors = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(http2: Http2);
        var set = new FileDescriptorSet();
        foreach (var file in new[]
                 {
                     TestServiceReflection.Descriptor, HealthReflection.Descriptor,
                     CustomerView.Grpc.Reflection.V1.ReflectionReflection.Descriptor,
                     CustomerView.Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
                 })
        {
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }

        _descriptors = Path.Combine(Path.GetTempPath(), $"cv-grpc-interop-{Guid.NewGuid():N}.pb");
        await File.WriteAllBytesAsync(_descriptors, set.ToByteArray());
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        File.Delete(_descriptors);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_ReturnsEcho_WhenPythonCalls()
    {
        using var result = await RunAsync("unary");
        Assert.Equal("OK", Code(result));
        Assert.Equal("hello from python", result.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unary_ReturnsPreSerializedResponse_WhenPythonCalls()
    {
        using var result = await RunAsync("serialized");
        Assert.Equal("OK", Code(result));
        Assert.Equal("pre-serialized", result.RootElement.GetProperty("message").GetString());
        Assert.Equal(300000, result.RootElement.GetProperty("size").GetInt32());
        Assert.Equal("big", result.RootElement.GetProperty("large_message").GetString());
    }

    [Fact]
    public async Task Unary_ReturnsOk_WhenPythonCompressesRequestWithGzip()
    {
        using var result = await RunAsync("gzip");
        Assert.Equal("OK", Code(result));
        Assert.Equal(10000, result.RootElement.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task ServerStreaming_ReturnsEveryMessage_WhenPythonReadsToEnd()
    {
        using var result = await RunAsync("stream");
        Assert.Equal([0, 1, 2, 3, 4], result.RootElement.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Unary_ReturnsDeadlineExceededAndStopsHandler_WhenPythonDeadlinePasses()
    {
        using var result = await RunAsync("deadline");
        Assert.Equal("DEADLINE_EXCEEDED", Code(result));
        Assert.Equal("Deadline Exceeded", Details(result));
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(_server.Probe.Finished.Task.IsCompleted);
    }

    [Fact]
    public async Task ServerStreaming_ReturnsDeadlineExceededMidStream_WhenPythonDeadlinePasses()
    {
        using var result = await RunAsync("stream_deadline");
        Assert.Equal("DEADLINE_EXCEEDED", Code(result));
        Assert.InRange(result.RootElement.GetProperty("received").GetInt32(), 1, 25);
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStreaming_StopsHandler_WhenPythonCancels()
    {
        using var result = await RunAsync("cancel");
        Assert.Equal("CANCELLED", Code(result));
        Assert.Equal(2, result.RootElement.GetProperty("received").GetInt32());
        await _server.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(_server.Probe.Finished.Task.IsCompleted);
    }

    [Fact]
    public async Task Unary_ReturnsLargeMessage_WhenWithinDefaultLimit()
    {
        using var result = await RunAsync("large");
        Assert.Equal("OK", Code(result));
        Assert.Equal((3 * 1024 * 1024) + 1, result.RootElement.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Unary_ReturnsResourceExhausted_WhenPythonSendsMoreThanLimit()
    {
        using var result = await RunAsync("too_large");
        Assert.Equal("RESOURCE_EXHAUSTED", Code(result));
        Assert.Equal("Received message exceeds the maximum configured message size.", Details(result));
    }

    [Fact]
    public async Task Unary_RoundTripsAsciiAndBinaryMetadata_WhenPythonSendsBoth()
    {
        using var result = await RunAsync("metadata");
        Assert.Equal("OK", Code(result));
        foreach (var part in new[] { "headers", "trailers" })
        {
            var values = result.RootElement.GetProperty(part);
            Assert.Equal("plain value", values.GetProperty("x-echo-text").GetString());
            Assert.Equal("0001feff", values.GetProperty("x-echo-data-bin").GetString());
        }
    }

    [Fact]
    public async Task Unary_ReturnsEveryErrorStatusWithMessageAndTrailer_WhenHandlerFails()
    {
        using var result = await RunAsync("statuses");
        var statuses = result.RootElement.GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal(16, statuses.Count);
        for (var code = 1; code <= 16; code++)
        {
            var status = statuses[code - 1];
            Assert.Equal(PythonName((StatusCode)code), status.GetProperty("code").GetString());
            Assert.Equal($"failure {code}: ñandú 100%", status.GetProperty("details").GetString());
            Assert.Equal("requested", status.GetProperty("trailer").GetString());
        }
    }

    [Fact]
    public async Task Unary_ReturnsUnknownWithGenericMessage_WhenHandlerThrows()
    {
        using var result = await RunAsync("throw");
        Assert.Equal("UNKNOWN", Code(result));
        Assert.Equal("Exception was thrown by handler.", Details(result));
    }

    [Fact]
    public async Task Unary_ReturnsUnimplemented_WhenMethodOrServiceIsUnknown()
    {
        using var result = await RunAsync("unimplemented");
        var calls = result.RootElement.GetProperty("calls");
        Assert.Equal("UNIMPLEMENTED", calls.GetProperty(Service + "NoSuchMethod").GetProperty("code").GetString());
        Assert.Equal("Method is unimplemented.", calls.GetProperty(Service + "NoSuchMethod").GetProperty("details").GetString());
        Assert.Equal("UNIMPLEMENTED", calls.GetProperty("/no.such.Service/Method").GetProperty("code").GetString());
        Assert.Equal("Service is unimplemented.", calls.GetProperty("/no.such.Service/Method").GetProperty("details").GetString());
    }

    [Fact]
    public async Task HealthCheck_ReportsServingAndNotFound_WhenPythonChecks()
    {
        using var result = await RunAsync("health");
        var root = result.RootElement;
        Assert.Equal(1, root.GetProperty("<server>").GetProperty("status").GetInt32());
        Assert.Equal(1, root.GetProperty("customerview.grpctest.v1.TestService").GetProperty("status").GetInt32());
        Assert.Equal("NOT_FOUND", root.GetProperty("no.such.Service").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("reflection_v1")]
    [InlineData("reflection_v1alpha")]
    public async Task ServerReflectionInfo_DescribesServices_WhenPythonReflects(string scenario)
    {
        using var result = await RunAsync(scenario);
        var answers = result.RootElement.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(5, answers.Count);
        Assert.Equal(
            ["customerview.grpctest.v1.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            answers[0].GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["test_service.proto"], answers[1].GetProperty("files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["grpc/health/v1/health.proto"], answers[2].GetProperty("files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["grpc/health/v1/health.proto"], answers[3].GetProperty("files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, answers[4].GetProperty("error").GetInt32());
    }

    private static string? Code(JsonDocument result) => result.RootElement.GetProperty("code").GetString();

    private static string? Details(JsonDocument result) => result.RootElement.GetProperty("details").GetString();

    private static string PythonName(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.DataLoss => "DATA_LOSS",
        _ => code.ToString().ToUpperInvariant(),
    };

    private async Task<JsonDocument> RunAsync(string scenario)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "interop_client.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--target", $"127.0.0.1:{_server.Port}", "--descriptors", _descriptors, "--scenario", scenario })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var proxy in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "grpc_proxy", "all_proxy", "ALL_PROXY" })
        {
            start.Environment.Remove(proxy);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await output;
        Assert.True(process.ExitCode == 0, $"interop_client.py {scenario} exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(stdout);
    }
}

/// <summary>The same calls from python3-grpcio, against the server on Kestrel's HTTP/2 (the other choice of <see cref="GrpcEndpointOptions.Http2Server"/>).</summary>
public sealed class PythonInteropTestsOnKestrel : PythonInteropTests
{
    protected override GrpcHttp2Server Http2 => GrpcHttp2Server.Kestrel;
}
