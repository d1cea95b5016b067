using CustomerView.Contracts.V1;
using CustomerView.Grpc.Client;

namespace CustomerView.Client;

/// <summary>
/// Calls the customerview.v1.CustomerProfiles service. Failures surface as <see cref="Grpc.RpcException"/> with the
/// server's status code and reason.
/// </summary>
/// <param name="channel">The channel to the node (owned by the caller).</param>
public sealed class CustomerProfilesClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = CustomerServiceReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<GetProfileRequest, GetProfileResponse> GetProfileMethod = Method<GetProfileRequest, GetProfileResponse>("GetProfile");
    private static readonly GrpcMethod<LookupCustomersRequest, LookupCustomersResponse> LookupMethod = Method<LookupCustomersRequest, LookupCustomersResponse>("LookupCustomers");
    private static readonly GrpcMethod<ListInteractionsRequest, ListInteractionsResponse> InteractionsMethod = Method<ListInteractionsRequest, ListInteractionsResponse>("ListInteractions");
    private static readonly GrpcMethod<ListTasksRequest, ListTasksResponse> TasksMethod = Method<ListTasksRequest, ListTasksResponse>("ListTasks");
    private static readonly GrpcMethod<WatchProfileRequest, ProfileUpdate> WatchMethod = Method<WatchProfileRequest, ProfileUpdate>("WatchProfile");

    /// <summary>Gets a customer's profile.</summary>
    public Task<GetProfileResponse> GetProfileAsync(GetProfileRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GetProfileMethod, request, options);

    /// <summary>Looks customers up by identifier.</summary>
    public Task<LookupCustomersResponse> LookupCustomersAsync(LookupCustomersRequest request, CallOptions options = default) =>
        channel.UnaryAsync(LookupMethod, request, options);

    /// <summary>Lists interactions, newest first.</summary>
    public Task<ListInteractionsResponse> ListInteractionsAsync(ListInteractionsRequest request, CallOptions options = default) =>
        channel.UnaryAsync(InteractionsMethod, request, options);

    /// <summary>Lists tasks.</summary>
    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CallOptions options = default) =>
        channel.UnaryAsync(TasksMethod, request, options);

    /// <summary>Watches a profile: the current state first, then every change.</summary>
    public ServerStreamingCall<ProfileUpdate> WatchProfile(WatchProfileRequest request, CallOptions options = default) =>
        channel.ServerStreaming(WatchMethod, request, options);

    private static GrpcMethod<TRequest, TResponse> Method<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        GrpcMethod.Create<TRequest, TResponse>(Service.FindMethodByName(name));
}
