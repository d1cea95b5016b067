using System.Buffers;
using System.Net;
using CustomerView.Grpc.Benchmarks.V1;
using CustomerView.Grpc.Server;
using CustomerView.Http2.Server;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerView.Grpc.Benchmarks;

/// <summary>
/// Two h2c servers in one process: ours serving a no-op unary method, and the protocol floor, a bare Kestrel endpoint
/// that reads the request body and writes the very same response bytes (headers, one empty message, grpc-status 0
/// trailer) and does nothing else.
/// </summary>
internal static class FloorServers
{
    private static readonly byte[] EmptyMessage = [0, 0, 0, 0, 0];
    private static readonly Task<Empty> EmptyResponse = Task.FromResult(new Empty());

    public static async Task RunAsync()
    {
        var grpc = CreateBuilder();
        grpc.Services.AddGrpcServer();
        var grpcApp = grpc.Build();
        grpcApp.UseGrpcServer(server => server.AddService(
            BenchReflection.Descriptor.Services[0],
            service => service.MapUnary<Empty, Empty>("Noop", static (_, _) => EmptyResponse)));

        var floorApp = CreateBuilder().Build();
        // Like any gRPC server, the floor consumes the request message before answering; FLOOR_IGNORES_BODY=1 drops even
        // that, for the stricter "bytes out only" comparison.
        var readBody = Environment.GetEnvironmentVariable("FLOOR_IGNORES_BODY") != "1";
        floorApp.Run(async context =>
        {
            if (readBody)
            {
                while (true)
                {
                    var read = await context.Request.BodyReader.ReadAsync();
                    context.Request.BodyReader.AdvanceTo(read.Buffer.End);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }
            }

            var headers = context.Response.Headers;
            headers.ContentType = "application/grpc";
            headers.GrpcAcceptEncoding = "identity,gzip";
            context.Response.BodyWriter.Write(EmptyMessage);
            context.Response.AppendTrailer("grpc-status", "0");
        });

        await grpcApp.StartAsync();
        await floorApp.StartAsync();
        Console.WriteLine($"READY grpc={Port(grpcApp)} floor={Port(floorApp)}");
        await Console.In.ReadLineAsync();
        await floorApp.StopAsync();
        await grpcApp.StopAsync();
    }

    private static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddCustomerViewHttp2();

        // GRPC_HTTP2_SERVER=kestrel serves both with Kestrel's HTTP/2, for paired comparisons with CustomerView's.
        var http2 = string.Equals(Environment.GetEnvironmentVariable("GRPC_HTTP2_SERVER"), "kestrel", StringComparison.OrdinalIgnoreCase)
            ? GrpcHttp2Server.Kestrel
            : GrpcHttp2Server.CustomerView;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = true;
            kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0), server: http2);
        });
        return builder;
    }

    private static int Port(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
