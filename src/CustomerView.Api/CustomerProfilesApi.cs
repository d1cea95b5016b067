using CustomerView.Contracts.V1;
using CustomerView.Domain.Identity;
using CustomerView.Engine;
using CustomerView.Grpc.Server;

namespace CustomerView.Api;

/// <summary>Maps the customerview.v1.CustomerProfiles service onto a gRPC server.</summary>
public static class CustomerProfilesApi
{
    /// <summary>The service's full name.</summary>
    public static string ServiceName => CustomerServiceReflection.Descriptor.Services[0].FullName;

    /// <summary>Adds the CustomerProfiles service, answering from <paramref name="queries"/>.</summary>
    public static GrpcServerBuilder AddCustomerProfiles(this GrpcServerBuilder builder, ProfileQueries queries, IdentifierNormalizer normalizer, IAccessAudit audit)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var service = new CustomerProfilesService(queries, normalizer, audit);
        return builder.AddService(CustomerServiceReflection.Descriptor.Services[0], s => s
            .MapSerializedUnary<GetProfileRequest, GetProfileResponse>("GetProfile", service.GetProfileAsync)
            .MapUnary<LookupCustomersRequest, LookupCustomersResponse>("LookupCustomers", service.LookupCustomersAsync)
            .MapUnary<ListInteractionsRequest, ListInteractionsResponse>("ListInteractions", service.ListInteractionsAsync)
            .MapUnary<ListTasksRequest, ListTasksResponse>("ListTasks", service.ListTasksAsync)
            .MapServerStreaming<WatchProfileRequest, ProfileUpdate>("WatchProfile", service.WatchProfileAsync));
    }
}
