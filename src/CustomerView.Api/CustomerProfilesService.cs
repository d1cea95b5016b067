using CustomerView.Contracts.V1;
using CustomerView.Domain.Identity;
using CustomerView.Engine;
using CustomerView.Grpc;
using CustomerView.Grpc.Server;
using Task = System.Threading.Tasks.Task;

namespace CustomerView.Api;

/// <summary>The customerview.v1.CustomerProfiles service over an engine's profile queries.</summary>
internal sealed class CustomerProfilesService(ProfileQueries queries, IdentifierNormalizer normalizer, IAccessAudit audit)
{
    /// <summary>
    /// Answers with the actor's cached wire bytes of the response: without any await or serialization when the
    /// customer's actor is active and holds the view evaluated (the common case); otherwise off the connection's
    /// thread, after evaluating the view, activating the actor or reading storage.
    /// </summary>
    public ValueTask<SerializedMessage<GetProfileResponse>> GetProfileAsync(GetProfileRequest request, ServerCallContext context)
    {
        var customerId = RequestValidation.CustomerId(request.CustomerId);
        var view = RequestValidation.View(request.View);
        audit.Read(Caller.Of(context), nameof(GetProfileAsync), customerId);
        return queries.TryGetSerializedProfile(customerId, view, out var cached)
            ? ValueTask.FromResult(new SerializedMessage<GetProfileResponse>(cached))
            : ReadProfileAsync(customerId, view, context);
    }

    public async Task<LookupCustomersResponse> LookupCustomersAsync(LookupCustomersRequest request, ServerCallContext context)
    {
        var (kind, identifier, max) = RequestValidation.Lookup(request, normalizer);
        var response = await queries.LookupAsync(kind, identifier.Key, identifier.Display, request.IncludeCard, max, context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context);
        foreach (var candidate in response.Candidates)
        {
            audit.Read(caller, nameof(LookupCustomersAsync), candidate.CustomerId);
        }

        return response;
    }

    public async Task<ListInteractionsResponse> ListInteractionsAsync(ListInteractionsRequest request, ServerCallContext context)
    {
        var query = RequestValidation.Interactions(request);
        audit.Read(Caller.Of(context), nameof(ListInteractionsAsync), query.CustomerId);
        return await queries.ListInteractionsAsync(query, context.CancellationToken).ConfigureAwait(false)
            ?? throw RequestValidation.NotFound(query.CustomerId);
    }

    public async Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, ServerCallContext context)
    {
        var customerId = RequestValidation.CustomerId(request.CustomerId);
        var statuses = RequestValidation.Statuses(request);
        audit.Read(Caller.Of(context), nameof(ListTasksAsync), customerId);
        return await queries.ListTasksAsync(customerId, statuses, request.IncludeClosed, context.CancellationToken).ConfigureAwait(false)
            ?? throw RequestValidation.NotFound(customerId);
    }

    public async Task WatchProfileAsync(WatchProfileRequest request, IServerStreamWriter<ProfileUpdate> stream, ServerCallContext context)
    {
        var customerId = RequestValidation.CustomerId(request.CustomerId);
        var view = RequestValidation.View(request.View);
        audit.Read(Caller.Of(context), nameof(WatchProfileAsync), customerId);
        var (start, watcher) = await queries.WatchAsync(customerId, view, context.CancellationToken).ConfigureAwait(false);
        switch (start)
        {
            case WatchStart.NotFound:
                throw RequestValidation.NotFound(customerId);
            case WatchStart.NotOwned:
                throw new RpcException(new Status(StatusCode.Unavailable, $"customer {customerId} is owned by another node; watch there"));
        }

        try
        {
            var updates = watcher!.Updates;
            while (await updates.WaitToReadAsync(context.CancellationToken).ConfigureAwait(false))
            {
                while (updates.TryRead(out var update))
                {
                    await stream.WriteAsync(update, context.CancellationToken).ConfigureAwait(false);
                }
            }

            throw watcher.Ended switch
            {
                WatchEnd.TooSlow => new RpcException(new Status(StatusCode.ResourceExhausted,
                    "watcher fell too far behind the customer's updates; reconnect to continue from the current profile")),
                _ => new RpcException(new Status(StatusCode.Unavailable,
                    $"customer {customerId} moved to another node or this node is stopping; reconnect to continue")),
            };
        }
        finally
        {
            queries.Unwatch(customerId, watcher!);
        }
    }

    private async ValueTask<SerializedMessage<GetProfileResponse>> ReadProfileAsync(string customerId, ProfileView view, ServerCallContext context)
    {
        var response = await queries.GetSerializedProfileAsync(customerId, view, context.CancellationToken).ConfigureAwait(false);
        return response is { } bytes ? new(bytes) : throw RequestValidation.NotFound(customerId);
    }
}
