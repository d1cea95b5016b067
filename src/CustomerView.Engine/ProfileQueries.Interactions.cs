using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.V1;
using DomainProfile = CustomerView.Domain.Profiles.CustomerProfile;

namespace CustomerView.Engine;

/// <summary>A validated ListInteractions request.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="PageSize">1 to 200.</param>
/// <param name="After">Continue after this position (exclusive), from a page token; <see langword="null"/> for the first page.</param>
/// <param name="Channels">Only these channels; empty for all.</param>
/// <param name="From">Occurred at or after; <see langword="null"/> for unbounded.</param>
/// <param name="To">Occurred before; <see langword="null"/> for unbounded.</param>
public sealed record InteractionQuery(string CustomerId, int PageSize, PagePosition? After, IReadOnlySet<Channel> Channels, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A position in the newest-first history: the last interaction a page returned.</summary>
/// <param name="Ticks">Its occurrence time in UTC ticks.</param>
/// <param name="EventId">Its event id.</param>
public sealed record PagePosition(long Ticks, string EventId)
{
    /// <summary>The opaque page token for this position.</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Ticks}:{EventId}")));

    /// <summary>Parses a page token; <see langword="false"/> when it is not one this server issued.</summary>
    public static bool TryParse(string token, out PagePosition? position)
    {
        position = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || colon == text.Length - 1)
            {
                return false;
            }

            position = new PagePosition(ticks, text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed partial class ProfileQueries
{
    private static ListInteractionsResponse Page(DomainProfile profile, InteractionQuery query)
    {
        var response = new ListInteractionsResponse { FoldedCount = profile.FoldedInteractions };
        var history = profile.Interactions;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var entry = history[i];
            var ticks = entry.OccurredAt.UtcTicks;
            if (query.After is { } after && (ticks > after.Ticks || (ticks == after.Ticks && string.CompareOrdinal(entry.EventId, after.EventId) >= 0)))
            {
                continue;
            }

            if ((query.To is { } to && entry.OccurredAt >= to) || (query.Channels.Count > 0 && !query.Channels.Contains((Channel)entry.Channel)))
            {
                continue;
            }

            if (query.From is { } from && entry.OccurredAt < from)
            {
                break;
            }

            if (response.Interactions.Count == query.PageSize)
            {
                var last = response.Interactions[^1];
                response.NextPageToken = new PagePosition(last.OccurredAt.ToDateTimeOffset().UtcTicks, last.EventId).ToToken();
                break;
            }

            response.Interactions.Add(ProfileProjection.ToInteraction(entry));
        }

        return response;
    }
}
