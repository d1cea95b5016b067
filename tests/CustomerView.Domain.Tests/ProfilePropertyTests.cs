using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using FsCheck;
using FsCheck.Fluent;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

/// <summary>
/// Properties over generated event sets: the profile depends on the set of events, not on their arrival order,
/// and applying a stream twice equals applying it once.
/// </summary>
public sealed class ProfilePropertyTests
{
    /// <summary>Small bounds so folding, retention and bucket pruning are exercised by the generated sets.</summary>
    private static readonly ProfileOptions Tight = new() { InteractionHistoryCapacity = 5, FeedbackHistoryCapacity = 3 };

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>One generated event: a kind, a subject, a time (minutes, with deliberate collisions) and a value.</summary>
    internal readonly record struct Spec(int Kind, int Subject, int Minute, int Value, int Channel);

    private static Gen<Spec> SpecGen =>
        from kind in Gen.Choose(0, 24)
        from subject in Gen.Choose(0, 2)
        from minute in Gen.Frequency((3, Gen.Choose(0, 60)), (1, Gen.Choose(0, 60 * 24 * 45)))
        from value in Gen.Choose(0, 3)
        from channel in Gen.Choose(1, 8)
        select new Spec(kind, subject, minute, value, channel);

    private static Arbitrary<(Spec[] Specs, int[] Order)> Scenario =>
        Arb.From(
            from specs in Gen.ListOf(SpecGen).Select(l => l.ToArray())
            from keys in Gen.ArrayOf(Gen.Choose(0, 1_000_000), specs.Length)
            select (specs, keys));

    [Fact]
    public void Apply_YieldsSameProfile_ForAnyPermutationOfDistinctEvents()
    {
        Prop.ForAll(Scenario, scenario =>
        {
            var events = Build(scenario.Specs);
            var shuffled = events.Zip(scenario.Order).OrderBy(p => p.Second).Select(p => p.First).ToArray();

            var inOrder = NewProfile(Tight).ApplyAll(events);
            var permuted = NewProfile(Tight).ApplyAll(shuffled);

            return ProfileDump.Of(inOrder) == ProfileDump.Of(permuted);
        }).Check(Config);
    }

    [Fact]
    public void Apply_StreamTwice_EqualsApplyingItOnce()
    {
        Prop.ForAll(Scenario, scenario =>
        {
            var events = Build(scenario.Specs);
            var once = NewProfile(Tight).ApplyAll(events);
            var twice = NewProfile(Tight).ApplyAll(events).ApplyAll(events);

            return ProfileDump.Of(once) == ProfileDump.Of(twice) && once.Revision == twice.Revision;
        }).Check(Config);
    }

    [Fact]
    public void Apply_StreamTwice_EqualsOnce_WhenDuplicatesAreInterleaved()
    {
        Prop.ForAll(Scenario, scenario =>
        {
            var events = Build(scenario.Specs);
            var interleaved = events.Zip(scenario.Order).SelectMany(p => p.Second % 2 == 0 ? [p.First, p.First] : new[] { p.First }).Concat(events).ToArray();

            return ProfileDump.Of(NewProfile(Tight).ApplyAll(events)) == ProfileDump.Of(NewProfile(Tight).ApplyAll(interleaved));
        }).Check(Config);
    }

    [Fact]
    public void Apply_NeverThrows_AndRejectionsAreDeterministic_ForAnyGeneratedStream()
    {
        Prop.ForAll(Scenario, scenario =>
        {
            var events = Build(scenario.Specs);
            var profile = NewProfile(Tight);
            foreach (var e in events)
            {
                var result = profile.Apply(e);
                if (result.Outcome is ApplyOutcome.Rejected or ApplyOutcome.Invalid && string.IsNullOrEmpty(result.Reason))
                {
                    return false;
                }
            }

            return profile.RejectedEvents.All(r => r.Reason.Length > 0);
        }).Check(Config);
    }

    [Fact]
    public void Restore_BehavesLikeTheOriginal_WhenSnapshotTakenMidStream()
    {
        Prop.ForAll(Scenario, scenario =>
        {
            var events = Build(scenario.Specs);
            var cut = scenario.Order.Length == 0 ? 0 : scenario.Order[0] % (events.Length + 1);
            var original = NewProfile(Tight).ApplyAll(events[..cut]);

            var restored = CustomerProfile.Restore(original.ToSnapshot(), Tight);
            var sameNow = ProfileDump.Of(original) == ProfileDump.Of(restored) && original.Revision == restored.Revision;
            var outcomes = events.Select(e => original.Apply(e)).ToArray();
            var restoredOutcomes = events.Select(e => restored.Apply(e)).ToArray();

            return sameNow && outcomes.SequenceEqual(restoredOutcomes) && ProfileDump.Of(original) == ProfileDump.Of(restored);
        }).Check(Config);
    }

    private static DomainEvent[] Build(Spec[] specs)
    {
        var events = new DomainEvent[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            var at = T0.AddMinutes(s.Minute);
            events[i] = Make($"e{i}", Payload(s, at), at, (Channel)s.Channel);
        }

        return events;
    }

    private static EventPayload Payload(Spec s, DateTimeOffset at)
    {
        var task = $"T{s.Subject}";
        var complaint = $"K{s.Subject}";
        var appointment = $"A{s.Subject}";
        return s.Kind switch
        {
            0 or 1 or 2 => Interaction(s.Value % 2 == 0 ? "card-declined" : "mortgage", s.Value == 3 ? null : s.Value == 1) with
            {
                WaitingDuration = TimeSpan.FromMinutes(s.Value),
            },
            3 => new AttributesChanged { Email = $"v{s.Value}@bank.example", Tier = s.Value > 1 ? "gold" : null },
            4 => new AttributesChanged { PreferredLanguage = s.Value % 2 == 0 ? "en-GB" : "zh-Hans", ContactPhone = $"+4915112345{s.Value:D3}" },
            5 => new AttributesChanged { Accessibility = s.Value == 0 ? AccessibilitySet.None : new([(AccessibilityNeed)s.Value], "") },
            6 => new IdentifierLinked(IdentifierKind.Phone, $"+4915112345{s.Subject:D3}", s.Value == 0),
            7 => new IdentifierUnlinked(IdentifierKind.Phone, $"+4915112345{s.Subject:D3}"),
            8 => new FeedbackGiven { Satisfaction = s.Value + 1, Nps = s.Value * 3 },
            9 => new TaskStarted(task, TaskKind.LoanApplication, "loan") { ExpiresAt = at.AddDays(s.Value + 1), DueAt = at.AddHours(s.Value) },
            10 => new TaskStepCompleted(task, $"step {s.Value}") { NextAction = $"next {s.Value}" },
            11 => new TaskHandedOff(task, Channel.BranchCounter, "sign at branch"),
            12 => new TaskWaiting(task, s.Value % 2 == 0 ? WaitingParty.Customer : WaitingParty.Bank, "docs"),
            13 => s.Value switch
            {
                0 => new TaskCompleted(task, "done"),
                1 => new TaskCancelled(task, "withdrawn"),
                _ => new TaskExpired(task),
            },
            14 => new ComplaintFiled(complaint, s.Value % 2 == 0 ? "fees" : "card", (ComplaintSeverity)(s.Value + 1), "x"),
            15 => new ComplaintAcknowledged(complaint, "agent"),
            16 => new ComplaintEscalated(complaint, "team", "why"),
            17 => new ComplaintDeadlineExtended(complaint, "wait", s.Value > 1 ? "boss" : ""),
            18 => new ComplaintResolved(complaint, "fixed"),
            19 => s.Value % 2 == 0 ? new ComplaintConfirmed(complaint) : new ComplaintReopened(complaint, "no"),
            20 => new AppointmentBooked(appointment, at.AddHours(s.Value + 1), "BR-1", "advice"),
            21 => new AppointmentCheckedIn(appointment),
            22 => s.Value % 2 == 0 ? new AppointmentServed(appointment, "rm") : new AppointmentMissed(appointment),
            23 => new AppointmentCancelled(appointment, "sick"),
            _ => new AttributesChanged { DateOfBirth = new DateOnly(1980 + s.Value, 3, 2), MarketingConsent = s.Value % 2 == 0 },
        };
    }
}
