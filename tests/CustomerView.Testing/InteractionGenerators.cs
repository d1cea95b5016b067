using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;

namespace CustomerView.Testing;

/// <summary>Generators of history entries for property tests, reaching the edges the packed history must keep exact.</summary>
public static class InteractionGenerators
{
    /// <summary>Strings of any UTF-16 code units: ASCII, accents, CJK, emoji pairs, lone surrogates, long runs.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.Elements("", "a", "card-declined", "Kundin fragte nach ihrem Konto", "顧客", "😀 ok", "x\uD800y", "\uDFFF")),
        (2, Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c)).Select(chars => new string(chars))),
        (1, Gen.Choose(0, 3000).Select(n => new string('é', n))));

    /// <summary>
    /// Entries with any text, instants from about 1916 to 2023 (before and after the Unix epoch) with offsets up to
    /// ±14 h, out-of-range channels and enums, and durations absent, zero, negative or extreme.
    /// </summary>
    public static Gen<InteractionEntry> Entries { get; } =
        from id in Text
        from channel in Gen.Choose(-2, 12)
        from ticks in Gen.Choose(-int.MaxValue, int.MaxValue).Select(t => DateTimeOffset.UnixEpoch.Ticks + ((long)t * 7_919_993))
        from offset in Gen.Choose(-14 * 60, 14 * 60)
        from source in Text
        from type in Gen.Choose(-1, 5)
        from outcome in Gen.Choose(int.MinValue, int.MaxValue)
        from resolved in Gen.Elements<bool?>(null, false, true)
        from waiting in Gen.Elements<long?>(null, 0, 1, TimeSpan.FromMinutes(7).Ticks, long.MaxValue)
        from handling in Gen.Elements<long?>(null, 0, -1, -TimeSpan.FromSeconds(1.5).Ticks, TimeSpan.FromHours(2).Ticks)
        from topic in Text
        from summary in Text
        from staff in Text
        from task in Text
        from complaint in Text
        select new InteractionEntry(
            id,
            (Channel)channel,
            new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset)),
            source,
            new InteractionRecorded
            {
                Type = (InteractionType)type,
                Outcome = (InteractionOutcome)outcome,
                ResolvedFirstContact = resolved,
                WaitingDuration = waiting is { } w ? TimeSpan.FromTicks(w) : null,
                HandlingDuration = handling is { } h ? TimeSpan.FromTicks(h) : null,
                Topic = topic,
                Summary = summary,
                StaffId = staff,
                RelatedTaskId = task,
                RelatedComplaintId = complaint,
            });
}
