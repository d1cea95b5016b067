using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerView.Http2.Server;

/// <summary>Serves HTTP/2 on Kestrel endpoints with CustomerView's connection loop instead of Kestrel's HTTP/2.</summary>
public static class Http2ServerExtensions
{
    /// <summary>
    /// Lets endpoints use <see cref="UseCustomerViewHttp2"/>: the host's server is wrapped so the request pipeline it
    /// starts with is also the one CustomerView's connections run. Call after the host chose Kestrel (a
    /// WebApplicationBuilder has). Does nothing when there is no server yet or it is already wrapped.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCustomerViewHttp2(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ServiceDescriptor? server = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(Http2ApplicationSlot))
            {
                return services;
            }

            if (descriptor.ServiceType == typeof(IServer))
            {
                server = descriptor;
            }
        }

        if (server is null)
        {
            return services;
        }

        services.AddSingleton<Http2ApplicationSlot>();
        services.Remove(server);
        services.AddSingleton<IServer>(provider => new Http2CapturingServer(CreateInner(provider, server), provider.GetRequiredService<Http2ApplicationSlot>()));
        return services;
    }

    /// <summary>
    /// Serves the endpoint's connections (h2c with prior knowledge, or HTTP/2 after TLS and ALPN when
    /// <c>UseHttps</c> came first) with CustomerView's HTTP/2 connection. Requires
    /// <see cref="AddCustomerViewHttp2"/>.
    /// </summary>
    /// <param name="listen">The endpoint.</param>
    /// <returns>The endpoint.</returns>
    public static ListenOptions UseCustomerViewHttp2(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var slot = listen.ApplicationServices.GetService<Http2ApplicationSlot>()
            ?? throw new InvalidOperationException("UseCustomerViewHttp2 needs services.AddCustomerViewHttp2() after the host chose Kestrel.");
        var logger = listen.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger("CustomerView.Http2.Server.Http2Connection")
            ?? NullLogger.Instance;
        listen.Use(_ => connection =>
        {
            var application = slot.Application
                ?? throw new InvalidOperationException("The server has not started its request pipeline.");
            return new Http2Connection(connection, application, logger).RunAsync();
        });
        return listen;
    }

    private static IServer CreateInner(IServiceProvider provider, ServiceDescriptor descriptor)
    {
        if (descriptor.ImplementationInstance is IServer instance)
        {
            return instance;
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return (IServer)factory(provider);
        }

        return (IServer)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
    }
}

/// <summary>Where the wrapped server leaves the request pipeline it was started with.</summary>
internal sealed class Http2ApplicationSlot
{
    private Http2Application? _application;

    /// <summary>The pipeline, once the server started.</summary>
    public Http2Application? Application
    {
        get => Volatile.Read(ref _application);
        set => Volatile.Write(ref _application, value);
    }
}

/// <summary>The host's server, unchanged, except that it leaves the pipeline it starts with in <see cref="Http2ApplicationSlot"/>.</summary>
internal sealed class Http2CapturingServer : IServer
{
    private readonly IServer _inner;
    private readonly Http2ApplicationSlot _slot;

    public Http2CapturingServer(IServer inner, Http2ApplicationSlot slot)
    {
        _inner = inner;
        _slot = slot;
    }

    /// <inheritdoc />
    public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features => _inner.Features;

    /// <inheritdoc />
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _slot.Application = new Http2Application<TContext>(application);
        return _inner.StartAsync(application, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _inner.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
