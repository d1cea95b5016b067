using CustomerView.Contracts.V1;
using CustomerView.Domain.Identity;
using CustomerView.Engine;
using CustomerView.Grpc;
using Google.Protobuf.WellKnownTypes;
using DomainKind = CustomerView.Domain.IdentifierKind;

namespace CustomerView.Api;

/// <summary>Checks requests and turns what is wrong into INVALID_ARGUMENT with a reason.</summary>
internal static class RequestValidation
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int DefaultCandidates = 10;
    public const int MaxCandidates = 100;

    public static string CustomerId(string value)
    {
        var error = Domain.Identity.CustomerId.Validate(value);
        return error is null ? value : throw Invalid(error);
    }

    /// <summary>The view asked for; a value past the known ones is refused (a range check: this runs on every GetProfile).</summary>
    public static ProfileView View(ProfileView view) =>
        (uint)view <= (uint)ProfileView.Full ? view : throw Invalid($"view {(int)view} is not one of CARD, STANDARD, FULL");

    public static InteractionQuery Interactions(ListInteractionsRequest request)
    {
        var customerId = CustomerId(request.CustomerId);
        var pageSize = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw Invalid($"page_size must be 1 to {MaxPageSize} (0 for {DefaultPageSize}), was {request.PageSize}"),
            var size => size,
        };
        PagePosition? after = null;
        if (request.PageToken.Length > 0 && !PagePosition.TryParse(request.PageToken, out after))
        {
            throw Invalid("page_token is not a token this server issued");
        }

        var channels = new HashSet<Channel>();
        foreach (var channel in request.Channels)
        {
            if (channel == Channel.Unspecified || !System.Enum.IsDefined(channel))
            {
                throw Invalid($"channel {(int)channel} is not a known channel");
            }

            channels.Add(channel);
        }

        var from = Instant(request.From, "from");
        var to = Instant(request.To, "to");
        if (from is { } f && to is { } t && f >= t)
        {
            throw Invalid("from must be before to");
        }

        return new InteractionQuery(customerId, pageSize, after, channels, from, to);
    }

    public static HashSet<Contracts.V1.TaskStatus> Statuses(ListTasksRequest request)
    {
        var statuses = new HashSet<Contracts.V1.TaskStatus>();
        foreach (var status in request.Statuses)
        {
            if (status == Contracts.V1.TaskStatus.Unspecified || !System.Enum.IsDefined(status))
            {
                throw Invalid($"task status {(int)status} is not known");
            }

            statuses.Add(status);
        }

        return statuses;
    }

    public static (DomainKind Kind, NormalizedIdentifier Identifier, int Max) Lookup(LookupCustomersRequest request, IdentifierNormalizer normalizer)
    {
        var kind = (DomainKind)request.Kind;
        if (request.Kind == IdentifierKind.Unspecified || !System.Enum.IsDefined(request.Kind))
        {
            throw Invalid("kind must be PHONE, CARD, ACCOUNT or NATIONAL_ID");
        }

        if (!normalizer.TryNormalize(kind, request.Value, out var identifier, out var error))
        {
            throw Invalid(error);
        }

        var max = request.MaxCandidates switch
        {
            0 => DefaultCandidates,
            < 0 or > MaxCandidates => throw Invalid($"max_candidates must be 1 to {MaxCandidates} (0 for {DefaultCandidates})"),
            var n => n,
        };
        return (kind, identifier, max);
    }

    public static RpcException NotFound(string customerId) => new(new Status(StatusCode.NotFound, $"customer {customerId} is not known"));

    private static DateTimeOffset? Instant(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (timestamp.Nanos is < 0 or > 999_999_999 || timestamp.Seconds is < -62135596800 or > 253402300799)
        {
            throw Invalid($"{field} is not a valid timestamp");
        }

        return timestamp.ToDateTimeOffset();
    }

    private static RpcException Invalid(string reason) => new(new Status(StatusCode.InvalidArgument, reason));
}
