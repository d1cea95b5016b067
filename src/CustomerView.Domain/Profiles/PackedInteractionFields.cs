using System.Buffers.Binary;

namespace CustomerView.Domain.Profiles;

/// <summary>
/// The fields of one packed history entry, read in place without rebuilding the <see cref="InteractionEntry"/>:
/// what a snapshot encoder needs to write the entry without making its strings.
/// </summary>
public readonly ref struct PackedInteractionFields
{
    private PackedInteractionFields(ReadOnlySpan<byte> packed)
    {
        UtcTicks = BinaryPrimitives.ReadInt64LittleEndian(packed);
        var at = PackedInteraction.EventIdOffset;
        EventId = PackedInteraction.ReadText(packed, ref at);
        Channel = (Channel)PackedInteraction.ReadVarint(packed, ref at);
        Type = (InteractionType)PackedInteraction.ReadVarint(packed, ref at);
        Outcome = (InteractionOutcome)PackedInteraction.ReadVarint(packed, ref at);
        var flags = packed[at++];
        ResolvedFirstContact = PackedInteraction.ResolvedFirstContactOf(flags);
        if (PackedInteraction.HasWaitingDuration(flags))
        {
            WaitingDuration = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(packed[at..]));
            at += sizeof(long);
        }

        if (PackedInteraction.HasHandlingDuration(flags))
        {
            HandlingDuration = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(packed[at..]));
            at += sizeof(long);
        }

        SourceSystem = PackedInteraction.ReadText(packed, ref at);
        Topic = PackedInteraction.ReadText(packed, ref at);
        Summary = PackedInteraction.ReadText(packed, ref at);
        StaffId = PackedInteraction.ReadText(packed, ref at);
        RelatedTaskId = PackedInteraction.ReadText(packed, ref at);
        RelatedComplaintId = PackedInteraction.ReadText(packed, ref at);
    }

    /// <summary>The occurrence instant's UTC ticks (<see cref="InteractionEntry.OccurredAt"/>).</summary>
    public long UtcTicks { get; }

    /// <summary><see cref="InteractionEntry.EventId"/>.</summary>
    public PackedText EventId { get; }

    /// <summary><see cref="InteractionEntry.Channel"/>.</summary>
    public Channel Channel { get; }

    /// <summary><see cref="InteractionEntry.SourceSystem"/>.</summary>
    public PackedText SourceSystem { get; }

    /// <summary><see cref="Events.InteractionRecorded.Type"/>.</summary>
    public InteractionType Type { get; }

    /// <summary><see cref="Events.InteractionRecorded.Outcome"/>.</summary>
    public InteractionOutcome Outcome { get; }

    /// <summary><see cref="Events.InteractionRecorded.ResolvedFirstContact"/>.</summary>
    public bool? ResolvedFirstContact { get; }

    /// <summary><see cref="Events.InteractionRecorded.WaitingDuration"/>.</summary>
    public TimeSpan? WaitingDuration { get; }

    /// <summary><see cref="Events.InteractionRecorded.HandlingDuration"/>.</summary>
    public TimeSpan? HandlingDuration { get; }

    /// <summary><see cref="Events.InteractionRecorded.Topic"/>.</summary>
    public PackedText Topic { get; }

    /// <summary><see cref="Events.InteractionRecorded.Summary"/>.</summary>
    public PackedText Summary { get; }

    /// <summary><see cref="Events.InteractionRecorded.StaffId"/>.</summary>
    public PackedText StaffId { get; }

    /// <summary><see cref="Events.InteractionRecorded.RelatedTaskId"/>.</summary>
    public PackedText RelatedTaskId { get; }

    /// <summary><see cref="Events.InteractionRecorded.RelatedComplaintId"/>.</summary>
    public PackedText RelatedComplaintId { get; }

    internal static PackedInteractionFields Read(ReadOnlySpan<byte> packed) => new(packed);
}
