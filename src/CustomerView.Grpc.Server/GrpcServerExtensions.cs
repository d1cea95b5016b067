using System.Net;
using System.Security.Cryptography.X509Certificates;
using CustomerView.Grpc.Server.Health;
using CustomerView.Http2.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerView.Grpc.Server;

/// <summary>Wires the gRPC server into ASP.NET Core and Kestrel.</summary>
public static class GrpcServerExtensions
{
    /// <summary>Adds the gRPC server's services (options, runtime, health).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<ServerRuntime>();
        services.AddSingleton<GrpcHealthService>();
        services.AddCustomerViewHttp2();
        return services;
    }

    /// <summary>
    /// Adds the gRPC middleware: registered methods are served, other gRPC requests get UNIMPLEMENTED, everything else
    /// goes to the next middleware. On shutdown new calls get UNAVAILABLE and health turns NOT_SERVING while
    /// in-flight calls finish.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="configure">Registers services.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseGrpcServer(this IApplicationBuilder app, Action<GrpcServerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(configure);
        var runtime = app.ApplicationServices.GetRequiredService<ServerRuntime>();
        configure(new GrpcServerBuilder(runtime, app.ApplicationServices));
        runtime.Registry.Freeze();

        var health = app.ApplicationServices.GetRequiredService<GrpcHealthService>();
        app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            runtime.BeginShutdown();
            health.EnterShutdown();
        });

        app.Use(next => httpContext => runtime.DispatchAsync(httpContext, next));
        return app;
    }

    /// <summary>
    /// Listens for gRPC on an endpoint: h2c (plain HTTP/2) without a certificate, HTTP/2 over TLS with one. The
    /// connections are served by <paramref name="server"/>'s HTTP/2 (CustomerView's own unless Kestrel's is asked for;
    /// CustomerView's needs <see cref="AddGrpcServer"/>).
    /// </summary>
    /// <param name="kestrel">Kestrel's options.</param>
    /// <param name="endpoint">The address and port (0 for any free port).</param>
    /// <param name="certificate">The server certificate for TLS, or null for h2c.</param>
    /// <param name="server">Whose HTTP/2 serves the connections.</param>
    public static void ListenGrpc(this KestrelServerOptions kestrel, IPEndPoint endpoint, X509Certificate2? certificate = null, GrpcHttp2Server server = GrpcHttp2Server.CustomerView)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(endpoint);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }

            if (server == GrpcHttp2Server.CustomerView)
            {
                listen.UseCustomerViewHttp2();
            }
        });
    }

    /// <summary>Listens for gRPC on every configured endpoint.</summary>
    /// <param name="kestrel">Kestrel's options.</param>
    /// <param name="endpoints">The endpoints.</param>
    public static void ListenGrpc(this KestrelServerOptions kestrel, IEnumerable<GrpcEndpointOptions> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var endpoint in endpoints)
        {
            var address = IPAddress.Parse(endpoint.Address);
            var certificate = endpoint.CertificatePath is { Length: > 0 } path
                ? X509CertificateLoader.LoadPkcs12FromFile(path, endpoint.CertificatePassword)
                : null;
            kestrel.ListenGrpc(new IPEndPoint(address, endpoint.Port), certificate, endpoint.Http2Server);
        }
    }
}
