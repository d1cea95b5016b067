using System.Buffers;
using BenchmarkDotNet.Attributes;
using CustomerView.Contracts.Profiles;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using Google.Protobuf;
using Wire = CustomerView.Contracts.V1;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// Serving a profile in each view: <see cref="ProfileInsights.Evaluate"/> (alerts and figures at "now"),
/// <see cref="ProfileProjection.Project"/> onto the contract message, and protobuf serialization of the
/// <c>GetProfileResponse</c>, or the response's bytes written with the packed history in place (what the node does):
/// what an uncached GetProfile costs on the realistic profile of <see cref="CustomerStory"/>.
/// Baseline: protobuf-serializing the very same response, already built.
/// </summary>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private CustomerProfile _profile = null!;
    private Wire.GetProfileResponse _response = null!;

    /// <summary>The view served.</summary>
    [Params(Wire.ProfileView.Card, Wire.ProfileView.Standard, Wire.ProfileView.Full)]
    public Wire.ProfileView View { get; set; }

    /// <summary>Builds the profile and the response the baseline serializes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _profile = CustomerStory.Profile();
        _response = Respond();
    }

    /// <summary>Protobuf serialization of the response alone (the floor of any projection).</summary>
    [Benchmark(Baseline = true)]
    public int SerializeOnly()
    {
        _output.ResetWrittenCount();
        _response.WriteTo(_output);
        return _output.WrittenCount;
    }

    /// <summary>Insights only: alerts and figures at "now".</summary>
    [Benchmark]
    public ProfileInsight Evaluate() => ProfileInsights.Evaluate(_profile, CustomerStory.Now);

    /// <summary>Insights and the projection onto the contract message, without serialization.</summary>
    [Benchmark]
    public Wire.GetProfileResponse EvaluateProject() => Respond();

    /// <summary>Insights, projection and serialization: the whole uncached GetProfile path.</summary>
    [Benchmark]
    public int EvaluateProjectSerialize()
    {
        _output.ResetWrittenCount();
        Respond().WriteTo(_output);
        return _output.WrittenCount;
    }

    /// <summary>
    /// Insights and the response's bytes written with the packed history in place
    /// (<see cref="ProfileProjection.SerializeResponse"/>): what an uncached GetProfile costs the node now.
    /// </summary>
    [Benchmark]
    public int EvaluateSerializeInPlace() =>
        ProfileProjection.SerializeResponse(_profile, ProfileInsights.Evaluate(_profile, CustomerStory.Now), View).Length;

    private Wire.GetProfileResponse Respond() => new()
    {
        Profile = ProfileProjection.Project(_profile, ProfileInsights.Evaluate(_profile, CustomerStory.Now), View),
        View = ProfileProjection.ResolveView(View),
    };
}
