using System.Net;
using System.Security.Cryptography.X509Certificates;
using CustomerView.Grpc.Client;
using CustomerView.Grpc.Server;
using CustomerView.Grpc.Server.Health;
using CustomerView.Grpc.Tests.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerView.Grpc.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a free loopback port serving the test service, health and reflection, with CustomerView's
/// HTTP/2 unless Kestrel's is asked for.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, HandlerProbe probe, Uri address)
    {
        _app = app;
        Probe = probe;
        Address = address;
    }

    public HandlerProbe Probe { get; }

    public Uri Address { get; }

    public int Port => Address.Port;

    public GrpcHealthService Health => _app.Services.GetRequiredService<GrpcHealthService>();

    public static async Task<TestServer> StartAsync(
        Action<GrpcServerOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        X509Certificate2? certificate = null,
        GrpcHttp2Server http2 = GrpcHttp2Server.CustomerView)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0), certificate, http2));
        builder.Services.AddGrpcServer(configure);
        var probe = new HandlerProbe();
        builder.Services.AddSingleton(probe);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        var handlers = new TestServiceHandlers(probe);
        app.UseGrpcServer(grpc => grpc
            .AddService(TestServiceReflection.Descriptor.Services[0], handlers.Map)
            .AddHealth()
            .AddReflection());
        app.MapGet("/plain", () => "not grpc");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        var scheme = certificate is null ? "http" : "https";
        return new TestServer(app, probe, new Uri($"{scheme}://127.0.0.1:{port}"));
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
