using System.Threading.Channels;
using CustomerView.Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using ServingStatus = CustomerView.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CustomerView.Grpc.Server.Health;

/// <summary>
/// The statuses served by grpc.health.v1.Health (doc/health-checking.md). The empty name is the whole server: SERVING
/// from the start, NOT_SERVING once shutdown begins, which is what Kubernetes gRPC probes look at.
/// </summary>
public sealed class GrpcHealthService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly ILogger<GrpcHealthService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="logger">The logger.</param>
    public GrpcHealthService(ILogger<GrpcHealthService> logger) => _logger = logger;

    /// <summary>Sets a service's status (empty name for the whole server) and tells its watchers.</summary>
    /// <param name="service">The fully-qualified service name, or empty.</param>
    /// <param name="status">The status.</param>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check then answers NOT_FOUND and Watch SERVICE_UNKNOWN.</summary>
    /// <param name="service">The fully-qualified service name.</param>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>Marks every service NOT_SERVING (called when the server starts shutting down).</summary>
    public void EnterShutdown()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys.ToArray())
            {
                _statuses[service] = ServingStatus.NotServing;
                Notify(service, ServingStatus.NotServing);
            }

            // Watch streams end after telling NOT_SERVING, so that they do not hold up the graceful shutdown.
            foreach (var list in _watchers.Values)
            {
                foreach (var watcher in list)
                {
                    watcher.Writer.TryComplete();
                }
            }
        }
    }

    internal void Map(GrpcServiceBuilder service) =>
        service.MapUnary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
            .MapServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync);

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        lock (_lock)
        {
            if (_statuses.TryGetValue(request.Service, out var status))
            {
                return Task.FromResult(new HealthCheckResponse { Status = status });
            }
        }

        throw new RpcException(new Status(StatusCode.NotFound, string.Empty));
    }

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out var current) ? current : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                _watchers[request.Service] = list = [];
            }

            list.Add(channel);
        }

        try
        {
            ServingStatus? last = null;
            await foreach (var status in channel.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != last)
                {
                    last = status;
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            ServerLog.HealthWatchEnded(_logger, request.Service);
        }
        finally
        {
            lock (_lock)
            {
                _watchers[request.Service].Remove(channel);
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
