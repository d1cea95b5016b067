using CustomerView.Contracts.Profiles;
using CustomerView.Contracts.State;
using CustomerView.Contracts.State.V1;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using CustomerView.Testing;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace CustomerView.Contracts.Tests.State;

public sealed class ProfileStateCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly CustomerId Customer = CustomerId.Parse("C-77");

    private static DomainEvent E(string id, EventPayload payload, int minutes, Channel channel = Channel.MobileApp) =>
        new(EventId.Parse(id), Customer, channel, T0.AddMinutes(minutes).AddTicks(minutes * 7), "src-" + id, payload);

    private static CustomerProfile RichProfile()
    {
        var profile = new CustomerProfile(Customer, new ProfileOptions { InteractionHistoryCapacity = 3, FeedbackHistoryCapacity = 2 });
        DomainEvent[] events =
        [
            E("a1", new AttributesChanged
            {
                FullName = "Mei Chen", PreferredName = "Mei", Email = "mei@example.com", ContactPhone = "+86 138 0013 8000",
                PostalAddress = "1 Bund Rd", PreferredLanguage = "zh-Hans", Segment = "retail", Tier = "gold",
                MarketingConsent = false, DateOfBirth = new DateOnly(1988, 5, 4), PreferredChannel = Channel.Social,
                Accessibility = new([AccessibilityNeed.LargePrint, AccessibilityNeed.LanguageInterpreter], "Cantonese"),
            }, 0),
            E("i1", new IdentifierLinked(IdentifierKind.Phone, "+8613800138000", true), 1),
            E("i2", new IdentifierLinked(IdentifierKind.Card, "4111111111111111", false), 2),
            E("i3", new IdentifierUnlinked(IdentifierKind.Account, "CN12345678"), 3),
            E("x1", new InteractionRecorded { Type = InteractionType.Inquiry, Topic = "fees", ResolvedFirstContact = true, WaitingDuration = TimeSpan.FromSeconds(42) }, 4, Channel.CallCenter),
            E("x2", new InteractionRecorded { Type = InteractionType.Transaction, Topic = "transfer", HandlingDuration = TimeSpan.FromMinutes(3) }, 5, Channel.BranchCounter),
            E("x3", new InteractionRecorded { Type = InteractionType.ComplaintContact, Topic = "fees", RelatedComplaintId = "K1" }, 6, Channel.CallCenter),
            E("x4", new InteractionRecorded { Type = InteractionType.Consultation, Topic = "loan", StaffId = "rm-9" }, 7, Channel.RelationshipManager),
            E("f1", new FeedbackGiven { Satisfaction = 4, Nps = 9, Comment = "quick" }, 8),
            E("f2", new FeedbackGiven { Satisfaction = 2 }, 9),
            E("f3", new FeedbackGiven { Nps = 3, InteractionEventId = "x2" }, 10),
            E("t1", new TaskStarted("T1", TaskKind.LoanApplication, "Home loan") { DueAt = T0.AddDays(3), ExpiresAt = T0.AddDays(30), NextAction = "upload" }, 11),
            E("t2", new TaskHandedOff("T1", Channel.BranchCounter, "sign at branch") { DueAt = T0.AddDays(5) }, 12),
            E("t3", new TaskCompleted("T2", "done"), 13),
            E("t4", new TaskCancelled("T2", "again"), 14),
            E("k1", new ComplaintFiled("K1", "fees", ComplaintSeverity.High, "double charge"), 15, Channel.CallCenter),
            E("k2", new ComplaintDeadlineExtended("K1", "merchant", ""), 16),
            E("p1", new AppointmentBooked("A1", T0.AddDays(1), "BR-7", "advice") { StaffId = "rm-9" }, 17),
            E("p2", new AppointmentCheckedIn("A1"), 18),
        ];
        foreach (var e in events)
        {
            profile.Apply(e);
        }

        return profile;
    }

    [Fact]
    public void Deserialize_RestoresAnEquivalentProfile_WhenEveryEventTypeWasApplied()
    {
        var original = RichProfile();

        var bytes = ProfileStateCodec.Serialize(original.ToSnapshot());
        var restored = CustomerProfile.Restore(ProfileStateCodec.Deserialize(bytes), original.Options);

        Assert.Equal(Describe(original), Describe(restored));
        Assert.Equal(original.Revision, restored.Revision);
        Assert.Equal(ApplyOutcome.Duplicate, restored.Apply(E("f2", new FeedbackGiven { Satisfaction = 2 }, 9)).Outcome);
        Assert.Equal(original.Apply(E("t5", new TaskCompleted("T1", "signed"), 20)), restored.Apply(E("t5", new TaskCompleted("T1", "signed"), 20)));
        Assert.Equal(Describe(original), Describe(restored));
    }

    [Fact]
    public void Serialize_IsDeterministic_ForTheSameProfile()
    {
        Assert.Equal(ProfileStateCodec.Serialize(RichProfile().ToSnapshot()), ProfileStateCodec.Serialize(RichProfile().ToSnapshot()));
    }

    [Fact]
    public void Serialize_WritesExactlyToStatesMessage_WhenReusedEncodersMeetDifferingOptionalFields()
    {
        var wide = new CustomerProfile(Customer, new ProfileOptions { InteractionHistoryCapacity = 10, FeedbackHistoryCapacity = 10 });
        DomainEvent[] events =
        [
            E("w1", new InteractionRecorded { Type = InteractionType.Inquiry, Topic = "fees", ResolvedFirstContact = false, WaitingDuration = TimeSpan.FromSeconds(42), HandlingDuration = TimeSpan.FromSeconds(-1.5) }, 1),
            E("w2", new InteractionRecorded { Type = InteractionType.Transaction, Topic = "transfer" }, 2, Channel.SmartTerminal),
            E("w3", new FeedbackGiven { Satisfaction = 5, Nps = 10, Comment = "great" }, 3),
            E("w4", new FeedbackGiven { InteractionEventId = "w2" }, 4),
            E("w5", new TaskStarted("T9", TaskKind.CardReplacement, "New card"), 5),
        ];
        foreach (var e in events)
        {
            wide.Apply(e);
        }

        foreach (var snapshot in new[] { wide.ToSnapshot(), RichProfile().ToSnapshot(), wide.ToSnapshot(), new CustomerProfile(Customer).ToSnapshot() })
        {
            Assert.Equal(ProfileStateCodec.ToState(snapshot), ProfileState.Parser.ParseFrom(ProfileStateCodec.Serialize(snapshot)));
        }
    }

    [Fact]
    public void Serialize_MatchesTimestampFromDateTimeOffset_WhenInstantIsBeforeTheEpochOrHasSubsecondTicks()
    {
        var profile = new CustomerProfile(Customer);
        profile.Apply(new DomainEvent(EventId.Parse("old"), Customer, Channel.BranchCounter, new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567), "src", new InteractionRecorded { Topic = "x" }));
        profile.Apply(new DomainEvent(EventId.Parse("new"), Customer, Channel.BranchCounter, T0.AddTicks(9_999_999), "src", new InteractionRecorded { Topic = "y" }));
        var snapshot = profile.ToSnapshot();

        Assert.Equal(ProfileStateCodec.ToState(snapshot), ProfileState.Parser.ParseFrom(ProfileStateCodec.Serialize(snapshot)));
    }

    [Fact]
    public void Serialize_WritesTheSameBytesFromThePackedHistoryAsFromRebuiltEntries_ForAnyInteractions()
    {
        var histories = Gen.ListOf(InteractionGenerators.Entries).Select(entries => entries.Take(8).ToArray());
        Prop.ForAll(Arb.From(histories), entries =>
        {
            var restored = CustomerProfile.Restore(new CustomerProfile(Customer).ToSnapshot() with { Interactions = entries });
            var packed = restored.ToSnapshot();
            var rebuilt = packed with { Interactions = [.. packed.Interactions] };

            Assert.IsAssignableFrom<IPackedInteractionHistory>(packed.Interactions);
            Assert.Equal(ProfileStateCodec.Serialize(rebuilt), ProfileStateCodec.Serialize(packed));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Serialize_AllocatesLittleBeyondItsOutput_WhenTheHistoryIsPacked()
    {
        // Rebuilding each entry to encode it allocated about six objects per entry (~1 KB); read in place, none.
        var profile = new CustomerProfile(Customer, new ProfileOptions { InteractionHistoryCapacity = 200 });
        for (var i = 0; i < 200; i++)
        {
            profile.Apply(E($"h{i:D3}", new InteractionRecorded { Type = InteractionType.Inquiry, Topic = "card-declined", Summary = "asked about a declined card payment", ResolvedFirstContact = true }, i, Channel.CallCenter));
        }

        var snapshot = profile.ToSnapshot();
        ProfileStateCodec.Serialize(snapshot);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = ProfileStateCodec.Serialize(snapshot);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < bytes.Length + 8_192, $"{allocated} B allocated for {bytes.Length} B written");
    }

    [Fact]
    public void Serialize_WritesTheSameBytesIntoGivenMemory_WhenTheHistoryWasCopiedThereToo()
    {
        var profile = new CustomerProfile(Customer, new ProfileOptions { InteractionHistoryCapacity = 200 });
        for (var i = 0; i < 200; i++)
        {
            profile.Apply(E($"h{i:D3}", new InteractionRecorded { Type = InteractionType.Inquiry, Topic = "card-declined", Summary = $"declined payment {i}" }, i, Channel.CallCenter));
        }

        var memory = new OneBlockMemory(1 << 20);
        var expected = ProfileStateCodec.Serialize(profile.ToSnapshot());
        var snapshot = profile.ToSnapshot(memory);
        var historyBytes = memory.Used;
        ProfileStateCodec.Serialize(snapshot, memory);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var written = ProfileStateCodec.Serialize(snapshot, memory);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(historyBytes > 200 * 20, $"{historyBytes} B of history copied into the memory");
        Assert.Equal(expected, written.ToArray());
        Assert.Equal(historyBytes + (2 * expected.Length), memory.Used);
        Assert.True(allocated < 8_192, $"{allocated} B allocated for {written.Length} B written");
    }

    [Fact]
    public void Serialize_KeepsRecentEventsAsHashes_NotIdStrings()
    {
        var state = ProfileState.Parser.ParseFrom(ProfileStateCodec.Serialize(RichProfile().ToSnapshot()));

        Assert.Empty(state.RecentEventIds);
        Assert.Contains(EventId.StableHash("f2"), state.RecentEventHashes);
    }

    [Fact]
    public void Deserialize_TreatsAReDeliveredEventAsDuplicate_WhenAnOlderStateHoldsRecentIdsAsStrings()
    {
        var original = RichProfile();
        var legacy = ProfileStateCodec.ToState(original.ToSnapshot());
        legacy.RecentEventHashes.Clear();
        legacy.RecentEventIds.Add(["a1", "f2", "t5-not-applied"]);

        var restored = CustomerProfile.Restore(ProfileStateCodec.Deserialize(legacy.ToByteArray()), original.Options);

        Assert.Equal(ApplyOutcome.Duplicate, restored.Apply(E("f2", new FeedbackGiven { Satisfaction = 2 }, 9)).Outcome);
        Assert.Equal(ApplyOutcome.Duplicate, restored.Apply(E("a1", new AttributesChanged { FullName = "Other" }, 0)).Outcome);
        Assert.NotEqual(ApplyOutcome.Duplicate, restored.Apply(E("a9", new AttributesChanged { FullName = "Other" }, 30)).Outcome);
    }

    [Fact]
    public void Deserialize_ThrowsInvalidData_WhenBytesAreCorrupt()
    {
        var bytes = ProfileStateCodec.Serialize(RichProfile().ToSnapshot());

        Assert.Throws<InvalidDataException>(() => ProfileStateCodec.Deserialize(bytes.AsSpan(0, bytes.Length / 2)));
    }

    [Fact]
    public void Deserialize_ThrowsInvalidData_WhenFormatIsUnknown()
    {
        var state = ProfileStateCodec.ToState(RichProfile().ToSnapshot());
        state.Format = 99;

        var error = Assert.Throws<InvalidDataException>(() => ProfileStateCodec.Deserialize(state.ToByteArray()));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(CustomerProfile p)
    {
        var now = T0.AddDays(2);
        var insight = ProfileInsights.Evaluate(p, now);
        var view = ProfileProjection.Project(p, insight, V1.ProfileView.Full);
        view.EvaluatedAt = null;
        return view.ToString() + "|" + string.Join(",", p.ContactsInLast30Days(now)) + "|" + p.NextWakeUp(now)?.ToUniversalTime() + "|" + p.DueEvents(T0.AddDays(40)).Count;
    }

    /// <summary>Hands out consecutive pieces of one array.</summary>
    private sealed class OneBlockMemory(int size) : ISnapshotMemory
    {
        private readonly byte[] _block = new byte[size];

        public int Used { get; private set; }

        public Memory<byte> Allocate(int length)
        {
            var piece = _block.AsMemory(Used, length);
            Used += length;
            return piece;
        }
    }
}
