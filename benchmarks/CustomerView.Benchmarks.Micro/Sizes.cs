using CustomerView.Contracts.Events;
using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.State;
using CustomerView.Domain.Insights;
using Wire = CustomerView.Contracts.V1;

namespace CustomerView.Benchmarks.Micro;

/// <summary>The sizes of what the benchmarks serialize, for reading their figures (<c>--sizes</c>).</summary>
internal static class Sizes
{
    public static void Print(TextWriter output)
    {
        var history = CustomerStory.History();
        var profile = CustomerStory.Profile();
        var insight = ProfileInsights.Evaluate(profile, CustomerStory.Now);
        output.WriteLine($"realistic profile: {history.Length} events, {profile.Interactions.Count} interactions in the history, "
            + $"{profile.Tasks.Count} tasks ({profile.Tasks.Count(t => t.IsOpen)} open), {profile.Complaints.Count} complaints, "
            + $"{profile.Appointments.Count} appointments, {insight.Alerts.Count} alerts");
        foreach (var view in new[] { Wire.ProfileView.Card, Wire.ProfileView.Standard, Wire.ProfileView.Full })
        {
            var response = new Wire.GetProfileResponse { Profile = ProfileProjection.Project(profile, insight, view), View = view };
            output.WriteLine($"GetProfileResponse {view}: {response.CalculateSize():N0} bytes");
        }

        output.WriteLine($"ProfileState (snapshot): {ProfileStateCodec.Serialize(profile.ToSnapshot()).Length:N0} bytes");
        var protobuf = history.Sum(e => ChannelEventEncoder.ToRecordValue(e, EventFormat.Protobuf).Length);
        var json = history.Sum(e => ChannelEventEncoder.ToRecordValue(e, EventFormat.Json).Length);
        output.WriteLine($"record values: {protobuf / history.Length:N0} bytes protobuf, {json / history.Length:N0} bytes JSON on average");
    }
}
