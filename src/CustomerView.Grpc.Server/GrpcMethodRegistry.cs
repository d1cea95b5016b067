using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.Reflection;

namespace CustomerView.Grpc.Server;

/// <summary>The registered methods by path, and the services and files they come from (for reflection).</summary>
internal sealed class GrpcMethodRegistry
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private readonly List<ServiceDescriptor> _services = [];
    private FrozenDictionary<string, ServerMethod>? _frozen;
    private FrozenSet<string>? _serviceNames;

    public IReadOnlyList<ServiceDescriptor> Services => _services;

    public void AddService(ServiceDescriptor service)
    {
        if (!_services.Contains(service))
        {
            _services.Add(service);
        }

        _frozen = null;
    }

    public void Add(ServerMethod method)
    {
        if (!_methods.TryAdd(method.FullName, method))
        {
            throw new InvalidOperationException($"Method '{method.FullName}' is already registered.");
        }

        _frozen = null;
    }

    public bool TryGetMethod(string path, [NotNullWhen(true)] out ServerMethod? method) =>
        (_frozen ?? Freeze()).TryGetValue(path, out method);

    /// <summary>Whether the service part of /package.Service/Method is registered.</summary>
    public bool HasService(string path)
    {
        if (_serviceNames is null)
        {
            Freeze();
        }

        var slash = path.LastIndexOf('/');
        if (slash <= 1)
        {
            return false;
        }

        return _serviceNames!.Contains(path[1..slash]);
    }

    public FrozenDictionary<string, ServerMethod> Freeze()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in _services)
        {
            names.Add(service.FullName);
        }

        _serviceNames = names.ToFrozenSet(StringComparer.Ordinal);
        var frozen = _methods.ToFrozenDictionary(StringComparer.Ordinal);
        _frozen = frozen;
        return frozen;
    }
}
