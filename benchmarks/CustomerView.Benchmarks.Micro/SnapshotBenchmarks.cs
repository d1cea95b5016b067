using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CustomerView.Contracts.State;
using CustomerView.Contracts.State.V1;
using CustomerView.Domain.Profiles;
using CustomerView.Engine;
using Google.Protobuf;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// The snapshot path on the realistic profile of <see cref="CustomerStory"/>: writing (<see cref="CustomerProfile.ToSnapshot"/>
/// and <see cref="ProfileStateCodec.Serialize(ProfileSnapshot)"/>; a batch commit does both per changed profile into its
/// <see cref="SnapshotArena"/>, <see cref="ToSnapshotAndSerializeInBlocks"/>) and reading
/// (<see cref="ProfileStateCodec.Deserialize"/> and <see cref="CustomerProfile.Restore"/>, what activating a stored
/// customer does). Baselines: protobuf-serializing and -parsing the same <c>ProfileState</c> message alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SnapshotBenchmarks
{
    private CustomerProfile _profile = null!;
    private ProfileSnapshot _snapshot = null!;
    private ProfileState _state = null!;
    private byte[] _bytes = null!;
    private readonly SnapshotArena.BlockPool _blocks = new(4);

    /// <summary>Builds the profile, its snapshot, state message and bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _profile = CustomerStory.Profile();
        _snapshot = _profile.ToSnapshot();
        _state = ProfileStateCodec.ToState(_snapshot);
        _bytes = ProfileStateCodec.Serialize(_snapshot);
        if (CustomerProfile.Restore(ProfileStateCodec.Deserialize(_bytes)).Revision != _profile.Revision)
        {
            throw new InvalidOperationException("The snapshot does not round-trip.");
        }
    }

    /// <summary>Write baseline: <c>ProfileState.ToByteArray()</c> of the already mapped message.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write")]
    public byte[] ProtobufWriteOnly() => _state.ToByteArray();

    /// <summary>Capturing the profile as a snapshot.</summary>
    [Benchmark]
    [BenchmarkCategory("write")]
    public ProfileSnapshot ToSnapshot() => _profile.ToSnapshot();

    /// <summary>Mapping a snapshot to its state message and serializing it.</summary>
    [Benchmark]
    [BenchmarkCategory("write")]
    public byte[] Serialize() => ProfileStateCodec.Serialize(_snapshot);

    /// <summary>The commit path per changed profile: snapshot, then serialize.</summary>
    [Benchmark]
    [BenchmarkCategory("write")]
    public byte[] ToSnapshotAndSerialize() => ProfileStateCodec.Serialize(_profile.ToSnapshot());

    /// <summary>
    /// The commit path as the engine runs it: snapshot and serialize into a commit's <see cref="SnapshotArena"/>,
    /// whose blocks go back to the pool when the commit is done, instead of two new arrays per snapshot.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("write")]
    public int ToSnapshotAndSerializeInBlocks()
    {
        var arena = new SnapshotArena(_blocks);
        var written = ProfileStateCodec.Serialize(_profile.ToSnapshot(arena), arena).Length;
        arena.Release();
        return written;
    }

    /// <summary>Read baseline: <c>ProfileState.Parser.ParseFrom</c> of the same bytes.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read")]
    public ProfileState ProtobufParseOnly() => ProfileState.Parser.ParseFrom(_bytes);

    /// <summary>Parsing and mapping the bytes back to a snapshot.</summary>
    [Benchmark]
    [BenchmarkCategory("read")]
    public ProfileSnapshot Deserialize() => ProfileStateCodec.Deserialize(_bytes);

    /// <summary>Rebuilding a profile from a snapshot.</summary>
    [Benchmark]
    [BenchmarkCategory("read")]
    public CustomerProfile Restore() => CustomerProfile.Restore(_snapshot);

    /// <summary>The activation path of a stored customer: deserialize, then restore.</summary>
    [Benchmark]
    [BenchmarkCategory("read")]
    public CustomerProfile DeserializeAndRestore() => CustomerProfile.Restore(ProfileStateCodec.Deserialize(_bytes));
}
