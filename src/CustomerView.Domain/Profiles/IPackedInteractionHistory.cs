namespace CustomerView.Domain.Profiles;

/// <summary>
/// A snapshot's interaction history kept packed (<see cref="ProfileSnapshot.Interactions"/> of a snapshot taken from a
/// live profile): its entries' fields can be read in place, so an encoder need not rebuild them.
/// </summary>
public interface IPackedInteractionHistory
{
    /// <summary>How many entries the history holds.</summary>
    int Count { get; }

    /// <summary>The fields of the entry at <paramref name="index"/> (oldest first), valid while the history is.</summary>
    PackedInteractionFields FieldsAt(int index);
}
