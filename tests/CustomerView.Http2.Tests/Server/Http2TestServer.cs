using System.Buffers;
using System.Globalization;
using System.Net;
using CustomerView.Http2.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerView.Http2.Tests.Server;

/// <summary>A real Kestrel server on a loopback port whose HTTP/2 is CustomerView's connection, with a few endpoints.</summary>
internal sealed class Http2TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _released;

    private Http2TestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Completes when a /wait request sees its RequestAborted fire.</summary>
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a /wait request has started.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets a /block request go on.</summary>
    public ManualResetEventSlim Release { get; } = new();

    /// <summary>Whether the last /block request was let go by <see cref="Release"/> (not by its 10 s limit).</summary>
    public bool Released => Volatile.Read(ref _released);

    public static async Task<Http2TestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseCustomerViewHttp2();
        }));
        builder.Services.AddCustomerViewHttp2();
        var app = builder.Build();
        Http2TestServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new Http2TestServer(app, new Uri(address).Port);
        return server;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Release.Set();
        await _app.DisposeAsync();
        Release.Dispose();
    }

    /// <summary>Bytes 0, 1, … 250, 0, 1, …: a body whose order shows.</summary>
    public static byte[] Pattern(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/hello":
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("hello from " + context.Request.Protocol + " " + context.Request.Method);
                break;
            case "/echo":
                context.Response.ContentType = "application/octet-stream";
                await context.Request.Body.CopyToAsync(context.Response.Body);
                break;
            case "/sum":
                using (var buffer = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(buffer);
                    await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{buffer.Length} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()))}"));
                }

                break;
            case "/bytes":
                var count = int.Parse(context.Request.Query["n"]!, CultureInfo.InvariantCulture);
                var bytes = new byte[count];
                Array.Fill(bytes, (byte)'x');
                await context.Response.Body.WriteAsync(bytes);
                break;
            case "/reference":
                // "head", then n patterned bytes by reference, then "tail" when asked (which copies the reference first).
                var pattern = Pattern(int.Parse(context.Request.Query["n"]!, CultureInfo.InvariantCulture));
                context.Response.BodyWriter.Write("head"u8);
                var byReference = context.Features.Get<IHttpResponseBodyFeature>() is IHttp2ResponseBodyReferenceFeature reference
                    && reference.TryAppendReference(pattern);
                context.Response.Headers["x-by-reference"] = byReference ? "true" : "false";
                if (context.Request.Query.ContainsKey("tail"))
                {
                    context.Response.BodyWriter.Write("tail"u8);
                }

                break;
            case "/looped-body":
                // Whether the handler runs on its connection's loop before and after awaiting a body sent later, and
                // whether it then holds the connection's lock (as it would if resumed inside the loop's frame processing).
                var loop = (Http2Connection)context.Features.Get<IHttpConnectionFeature>()!;
                var before = loop.OnLoopThread;
                Waiting.TrySetResult();
                using (var body = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(body);
                    await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{before} {loop.OnLoopThread} {loop.OutputLockHeld} {body.Length}"));
                }

                break;
            case "/trailers":
                context.Response.DeclareTrailer("x-trailer");
                await context.Response.WriteAsync("body");
                context.Response.AppendTrailer("x-trailer", "after the body");
                break;
            case "/badtrailer":
                // Trailers set and the body left unflushed: the response ends on the connection's loop, once the
                // client's window lets the body go.
                context.Response.AppendTrailer("x-bad", "caf\u00e9");
                context.Response.BodyWriter.Write(new byte[100]);
                break;
            case "/block":
                // Holds the thread it runs on: the connection's loop, which runs a handler inline until it awaits.
                Volatile.Write(ref _released, Release.Wait(TimeSpan.FromSeconds(10)));
                break;
            case "/throw":
                throw new InvalidOperationException("the handler failed");
            case "/wait":
                Waiting.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Aborted.TrySetResult();
                }

                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}
