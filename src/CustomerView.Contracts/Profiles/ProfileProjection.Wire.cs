using System.Buffers;
using CustomerView.Contracts.Mapping;
using CustomerView.Contracts.State;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using Google.Protobuf;

namespace CustomerView.Contracts.Profiles;

public static partial class ProfileProjection
{
    private const byte ResponseProfileTag = (V1.GetProfileResponse.ProfileFieldNumber << 3) | 2;
    private const byte ResponseViewTag = V1.GetProfileResponse.ViewFieldNumber << 3;
    private const byte RecentInteractionsTag = (V1.CustomerProfile.RecentInteractionsFieldNumber << 3) | 2;

    /// <summary>The interactions' bytes of this thread's last <see cref="SerializeResponse"/>; reused.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _interactions;

    /// <summary>
    /// The wire bytes of the <see cref="V1.GetProfileResponse"/> serving <paramref name="profile"/> with
    /// <paramref name="insight"/> in <paramref name="view"/>: they parse to the message <see cref="Project"/> makes (with
    /// the resolved view), but a history kept packed, most of a view's bytes, is written from its entries in place, so
    /// no entry, string or message is made for an interaction. The interactions come after the profile's other fields,
    /// which protobuf parsers accept in any order. With <paramref name="offset"/>, the bytes start that far into the
    /// array, after room the caller fills (a header of its own).
    /// </summary>
    public static byte[] SerializeResponse(CustomerProfile profile, ProfileInsight insight, V1.ProfileView view, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(insight);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        view = ResolveView(view);
        if (profile.Interactions is not IPackedInteractionHistory packed)
        {
            var response = new V1.GetProfileResponse { Profile = ProjectResolved(profile, insight, view, withInteractions: true), View = view };
            var whole = new byte[offset + response.CalculateSize()];
            response.WriteTo(whole.AsSpan(offset));
            return whole;
        }

        var message = ProjectResolved(profile, insight, view, withInteractions: false);
        var interactions = _interactions ??= new ArrayBufferWriter<byte>(16 * 1024);
        interactions.ResetWrittenCount();
        var stop = Math.Max(0, packed.Count - InteractionLimit(view));
        for (var i = packed.Count - 1; i >= stop; i--)
        {
            PackedInteractionEncoder.WriteInteraction(interactions, RecentInteractionsTag, packed.FieldsAt(i));
        }

        var messageLength = message.CalculateSize();
        var profileLength = messageLength + interactions.WrittenCount;
        var viewLength = view == 0 ? 0 : 1 + CodedOutputStream.ComputeEnumSize((int)view);
        var bytes = new byte[offset + 1 + CodedOutputStream.ComputeLengthSize(profileLength) + profileLength + viewLength];
        var at = offset;
        bytes[at++] = ResponseProfileTag;
        WireVarint.Write(bytes, ref at, (uint)profileLength);
        message.WriteTo(bytes.AsSpan(at, messageLength));
        at += messageLength;
        interactions.WrittenSpan.CopyTo(bytes.AsSpan(at));
        at += interactions.WrittenCount;
        if (viewLength > 0)
        {
            bytes[at++] = ResponseViewTag;
            WireVarint.Write(bytes, ref at, (ulong)(long)view);
        }

        TrimIfLarge(interactions);
        return bytes;
    }

    private static void TrimIfLarge(ArrayBufferWriter<byte> interactions)
    {
        if (interactions.Capacity > 256 * 1024)
        {
            _interactions = null;
        }
    }
}
