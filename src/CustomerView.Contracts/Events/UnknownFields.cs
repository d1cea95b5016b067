using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CustomerView.Contracts.Events;

/// <summary>
/// Names the top-level fields of a <c>ChannelEvent</c> record that this contract version does not know, to say
/// why an event has no payload. Only runs on that failure path.
/// </summary>
internal static class UnknownFields
{
    private const int MaxListed = 5;

    /// <summary>Unknown field numbers in binary protobuf, comma separated; <see langword="null"/> when there are none.</summary>
    public static string? InProtobuf(ReadOnlySpan<byte> value)
    {
        StringBuilder? found = null;
        var listed = 0;
        while (!value.IsEmpty && listed < MaxListed)
        {
            if (!TryReadVarint(ref value, out var tag))
            {
                break;
            }

            var number = tag >> 3;
            if (number is 0 or > int.MaxValue)
            {
                break;
            }

            if (V1.ChannelEvent.Descriptor.FindFieldByNumber((int)number) is null)
            {
                Append(ref found, number.ToString(CultureInfo.InvariantCulture));
                listed++;
            }

            if (!TrySkip(ref value, (int)(tag & 7)))
            {
                break;
            }
        }

        return found?.ToString();
    }

    /// <summary>Unknown top-level property names in JSON, comma separated; <see langword="null"/> when there are none.</summary>
    public static string? InJson(ReadOnlySpan<byte> utf8)
    {
        StringBuilder? found = null;
        var listed = 0;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (listed < MaxListed && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString() ?? string.Empty;
                if (!IsKnownJsonName(name))
                {
                    Append(ref found, "'" + name + "'");
                    listed++;
                }
            }
        }
        catch (JsonException)
        {
            // The protobuf JSON parser accepted the text; anything this reader refuses adds nothing to the reason.
        }

        return found?.ToString();
    }

    private static bool IsKnownJsonName(string name)
    {
        foreach (var field in V1.ChannelEvent.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.JsonName == name || field.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static void Append(ref StringBuilder? builder, string text)
    {
        builder = builder is null ? new StringBuilder() : builder.Append(", ");
        builder.Append(text);
    }

    private static bool TryReadVarint(ref ReadOnlySpan<byte> value, out ulong result)
    {
        result = 0;
        for (var i = 0; i < 10 && i < value.Length; i++)
        {
            var b = value[i];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = value[(i + 1)..];
                return true;
            }
        }

        return false;
    }

    private static bool TrySkip(ref ReadOnlySpan<byte> value, int wireType)
    {
        switch (wireType)
        {
            case 0:
                return TryReadVarint(ref value, out _);
            case 1:
                return TryAdvance(ref value, sizeof(ulong));
            case 2:
                return TryReadVarint(ref value, out var length) && length <= int.MaxValue && TryAdvance(ref value, (int)length);
            case 5:
                return TryAdvance(ref value, sizeof(uint));
            default:
                // Groups (3, 4) are not used by proto3; anything else is not a valid wire type.
                return false;
        }
    }

    private static bool TryAdvance(ref ReadOnlySpan<byte> value, int count)
    {
        if (count > value.Length)
        {
            return false;
        }

        value = value[count..];
        return true;
    }
}
