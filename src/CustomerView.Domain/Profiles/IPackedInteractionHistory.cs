namespace CustomerView.Domain.Profiles;

/// <summary>
/// An interaction history kept packed (a live profile's <see cref="CustomerProfile.Interactions"/>, and
/// <see cref="ProfileSnapshot.Interactions"/> of a snapshot taken from one): its entries' fields can be read in place,
/// so an encoder need not rebuild them.
/// </summary>
public interface IPackedInteractionHistory
{
    /// <summary>How many entries the history holds.</summary>
    int Count { get; }

    /// <summary>The fields of the entry at <paramref name="index"/> (oldest first), valid while the history is.</summary>
    PackedInteractionFields FieldsAt(int index);
}
