using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CustomerView.Grpc.Client;
using CustomerView.Grpc.Health.V1;
using CustomerView.Grpc.Server;
using CustomerView.Grpc.Tests.Infrastructure;
using CustomerView.Grpc.Tests.V1;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = CustomerView.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using V1Reflection = CustomerView.Grpc.Reflection.V1;

namespace CustomerView.Grpc.Tests;

/// <summary>Health, reflection, interceptors, TLS and graceful shutdown on real servers.</summary>
public sealed class ServiceTests
{
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check =
        GrpcMethod.Create<HealthCheckRequest, HealthCheckResponse>(HealthReflection.Descriptor.Services[0].FindMethodByName("Check"));

    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch =
        GrpcMethod.Create<HealthCheckRequest, HealthCheckResponse>(HealthReflection.Descriptor.Services[0].FindMethodByName("Watch"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static CallOptions Options => new() { CancellationToken = Token };

    [Fact]
    public async Task Check_ReportsServing_ForServerAndRegisteredService()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();

        Assert.Equal(ServingStatus.Serving, (await channel.UnaryAsync(Check, new HealthCheckRequest(), Options)).Status);
        Assert.Equal(ServingStatus.Serving, (await channel.UnaryAsync(Check, new HealthCheckRequest { Service = "customerview.grpctest.v1.TestService" }, Options)).Status);
    }

    [Fact]
    public async Task Check_ThrowsNotFound_WhenServiceIsUnknown()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Check, new HealthCheckRequest { Service = "no.such.Service" }, Options));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Check_ReportsNotServing_WhenStatusIsChanged()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        server.Health.SetStatus(string.Empty, ServingStatus.NotServing);

        Assert.Equal(ServingStatus.NotServing, (await channel.UnaryAsync(Check, new HealthCheckRequest(), Options)).Status);
    }

    [Fact]
    public async Task Watch_StreamsCurrentStatusThenChanges_WhenStatusChanges()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "custom.Service" }, Options with { Timeout = TimeSpan.FromSeconds(20) });
        var seen = new List<ServingStatus>();
        await foreach (var update in call.ReadAllAsync(Token))
        {
            seen.Add(update.Status);
            if (seen.Count == 1)
            {
                server.Health.SetStatus("custom.Service", ServingStatus.Serving);
            }
            else if (seen.Count == 2)
            {
                server.Health.SetStatus("custom.Service", ServingStatus.NotServing);
            }
            else
            {
                break;
            }
        }

        Assert.Equal([ServingStatus.ServiceUnknown, ServingStatus.Serving, ServingStatus.NotServing], seen);
    }

    [Fact]
    public async Task ServerReflectionInfo_ListsServicesAndServesFilesWithDependencies_WhenAsked()
    {
        await using var server = await TestServer.StartAsync();
        using var http = RawGrpc.CreateClient();
        byte[] body =
        [
            .. RawGrpc.Frame(new V1Reflection.ServerReflectionRequest { ListServices = string.Empty }),
            .. RawGrpc.Frame(new V1Reflection.ServerReflectionRequest { FileContainingSymbol = "customerview.grpctest.v1.TestService.Echo" }),
            .. RawGrpc.Frame(new V1Reflection.ServerReflectionRequest { FileByFilename = "missing.proto" }),
        ];
        using var response = await http.SendAsync(
            RawGrpc.Request(server.Address, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", new ByteArrayContent(body)), Token);
        var answers = (await RawGrpc.ReadFramesAsync(response, Token)).Select(f => V1Reflection.ServerReflectionResponse.Parser.ParseFrom(f.Payload)).ToList();

        Assert.Equal(3, answers.Count);
        Assert.Equal(
            ["customerview.grpctest.v1.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            answers[0].ListServicesResponse.Service.Select(s => s.Name).Order());
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(answers[1].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("test_service.proto", file.Name);
        Assert.Equal((int)StatusCode.NotFound, answers[2].ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Interceptor_WrapsEveryMethod_WhenRegistered()
    {
        var interceptor = new RequireKeyInterceptor();
        await using var server = await TestServer.StartAsync(services: s => s.AddSingleton<IGrpcInterceptor>(interceptor));
        using var channel = server.CreateChannel();

        var denied = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Echo, new TestRequest(), Options));
        var deniedHealth = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Check, new HealthCheckRequest(), Options));
        var keyed = Options with { Headers = new Metadata { { "x-api-key", "letmein" } } };
        var allowed = await channel.UnaryAsync(TestMethods.Echo, new TestRequest { Message = "in" }, keyed);

        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, deniedHealth.StatusCode);
        Assert.Equal("in", allowed.Message);
        Assert.Equal(
            ["/customerview.grpctest.v1.TestService/Echo", "/grpc.health.v1.Health/Check", "/customerview.grpctest.v1.TestService/Echo"],
            interceptor.Seen);
    }

    [Fact]
    public async Task UnaryAsync_Succeeds_WhenServerUsesTls()
    {
        using var certificate = CreateCertificate();
        await using var server = await TestServer.StartAsync(certificate: certificate);
        using var channel = server.CreateChannel(new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString(),
        });

        var response = await channel.UnaryAsync(TestMethods.Echo, new TestRequest { Message = "secure" }, Options);

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal("secure", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_ThrowsUnavailable_WhenTlsCertificateIsNotTrusted()
    {
        using var certificate = CreateCertificate();
        await using var server = await TestServer.StartAsync(certificate: certificate);
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Echo, new TestRequest(), Options));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task StopAsync_LetsInFlightCallFinishAndRefusesNewCalls_WhenShuttingDown()
    {
        var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var inFlight = channel.UnaryAsync(TestMethods.Sleep, new TestRequest { DelayMs = 1500, Message = "finished" }, Options);
        await server.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);

        var stopping = server.StopAsync(Token);
        await Task.Delay(200, Token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestMethods.Echo, new TestRequest(), Options));
        var response = await inFlight;
        await stopping;
        await server.DisposeAsync();

        Assert.Equal("finished", response.Message);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class RequireKeyInterceptor : IGrpcInterceptor
    {
        private readonly Lock _lock = new();

        public List<string> Seen { get; } = [];

        public ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
        {
            lock (_lock)
            {
                Seen.Add(context.Method);
            }

            if (context.RequestHeaders.GetValue("x-api-key") != "letmein")
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "missing key"));
            }

            return next(context);
        }
    }
}
