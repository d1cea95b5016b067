using CustomerView.Grpc.Server.Health;
using CustomerView.Grpc.Server.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerView.Grpc.Server;

/// <summary>Registers the services a server exposes; see <see cref="GrpcServerExtensions.UseGrpcServer"/>.</summary>
public sealed class GrpcServerBuilder
{
    private readonly ServerRuntime _runtime;
    private readonly IReadOnlyList<IGrpcInterceptor> _interceptors;

    internal GrpcServerBuilder(ServerRuntime runtime, IServiceProvider services)
    {
        _runtime = runtime;
        ApplicationServices = services;
        _interceptors = [.. services.GetServices<IGrpcInterceptor>()];
    }

    /// <summary>The application's services, for handlers that need them.</summary>
    public IServiceProvider ApplicationServices { get; }

    /// <summary>Registers a service from its generated descriptor, and marks it SERVING in the health service.</summary>
    /// <param name="service">The descriptor, e.g. <c>FooReflection.Descriptor.Services[0]</c>.</param>
    /// <param name="configure">Maps the service's methods.</param>
    /// <returns>This builder.</returns>
    public GrpcServerBuilder AddService(Google.Protobuf.Reflection.ServiceDescriptor service, Action<GrpcServiceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(configure);
        _runtime.Registry.AddService(service);
        configure(new GrpcServiceBuilder(service, _runtime, _interceptors));
        ApplicationServices.GetRequiredService<GrpcHealthService>().SetStatus(
            service.FullName, CustomerView.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        return this;
    }

    /// <summary>Adds grpc.health.v1.Health (Check and Watch), backed by <see cref="GrpcHealthService"/>.</summary>
    /// <returns>This builder.</returns>
    public GrpcServerBuilder AddHealth()
    {
        var health = ApplicationServices.GetRequiredService<GrpcHealthService>();
        return AddService(
            CustomerView.Grpc.Health.V1.HealthReflection.Descriptor.Services[0],
            s => health.Map(s));
    }

    /// <summary>Adds server reflection, grpc.reflection.v1 and v1alpha, describing every registered service.</summary>
    /// <returns>This builder.</returns>
    public GrpcServerBuilder AddReflection()
    {
        var reflection = new ReflectionService(_runtime.Registry);
        AddService(CustomerView.Grpc.Reflection.V1.ReflectionReflection.Descriptor.Services[0], reflection.MapV1);
        AddService(CustomerView.Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0], reflection.MapV1Alpha);
        return this;
    }
}
