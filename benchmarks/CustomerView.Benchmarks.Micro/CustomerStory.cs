using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Profiles;

namespace CustomerView.Benchmarks.Micro;

/// <summary>
/// One long-standing customer's history, shaped like the demo journeys (src/CustomerView.Demo) and the load tool's
/// mix: onboarding (every attribute, four identifiers), 260 interactions over 100 days in every channel (so the
/// 200-entry history is full and 60 have folded into the counters), 20 closed and 5 open tasks (one waiting on the
/// customer, one handed off), 3 settled and 2 open complaints, 4 past and 2 upcoming appointments, 12 feedback
/// answers. <see cref="Now"/> is an hour after the last event. Deterministic: the same events every run.
/// </summary>
internal sealed class CustomerStory
{
    /// <summary>Events in <see cref="History"/>.</summary>
    public const int HistoryEvents = 380;

    /// <summary>Open tasks in the profile.</summary>
    public const int OpenTasks = 5;

    private static readonly string[] Topics =
        ["card-declined", "balance", "loan-status", "address-change", "fees", "mortgage-rate", "travel-notice", "pin-reset", "statement", "transfer-limit"];

    private static readonly (Channel Channel, string Source)[] Channels =
    [
        (Channel.BranchCounter, "branch-teller"),
        (Channel.SmartTerminal, "atm-network"),
        (Channel.MobileApp, "mobile-backend"),
        (Channel.MobileApp, "mobile-backend"),
        (Channel.MobileApp, "mobile-backend"),
        (Channel.OnlineBanking, "web-banking"),
        (Channel.OnlineBanking, "web-banking"),
        (Channel.CallCenter, "contact-center"),
        (Channel.CallCenter, "contact-center"),
        (Channel.Chatbot, "chatbot"),
        (Channel.Social, "wechat-gateway"),
        (Channel.RelationshipManager, "crm"),
    ];

    private readonly Random _random = new(4217);
    private readonly List<DomainEvent> _events = [];
    private readonly string _prefix;
    private int _sequence;

    private CustomerStory(string prefix) => _prefix = prefix;

    /// <summary>The customer.</summary>
    public static CustomerId Customer { get; } = CustomerId.Parse("C-0004217");

    /// <summary>The customer's onboarding.</summary>
    public static DateTimeOffset Start { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>"Now" for insights and views: an hour after the last event of <see cref="History"/>.</summary>
    public static DateTimeOffset Now { get; } = Start.AddDays(100);

    /// <summary>The open tasks' ids.</summary>
    public static IReadOnlyList<string> OpenTaskIds { get; } = [.. Enumerable.Range(1, OpenTasks).Select(i => "T-open-" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The whole history in occurrence order.</summary>
    public static DomainEvent[] History()
    {
        var story = new CustomerStory("ev-");
        story.Onboarding();
        story.PastInteractions(260);
        story.Tasks();
        story.Complaints();
        story.Appointments();
        story.Feedback(12);
        var events = story._events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id.Value, StringComparer.Ordinal).ToArray();
        if (events.Length != HistoryEvents || events[^1].OccurredAt >= Now)
        {
            throw new InvalidOperationException($"The story has {events.Length} events (expected {HistoryEvents}), the last at {events[^1].OccurredAt:O}.");
        }

        return events;
    }

    /// <summary>The profile built from <see cref="History"/>; throws unless every event applied.</summary>
    public static CustomerProfile Profile()
    {
        var profile = new CustomerProfile(Customer);
        ApplyAll(profile, History(), "history");
        return profile;
    }

    /// <summary>
    /// <paramref name="events"/> as delivered when a slow channel is late: every tenth event arrives 1 to 30 events
    /// after its successors (the profile orders by occurrence time, so it ends in the same state).
    /// </summary>
    public static DomainEvent[] WithLateArrivals(DomainEvent[] events)
    {
        var random = new Random(7);
        var delivery = new List<DomainEvent>(events);
        for (var i = events.Length - 1; i >= 0; i -= 10)
        {
            var late = delivery[i];
            delivery.RemoveAt(i);
            delivery.Insert(Math.Min(delivery.Count, i + random.Next(1, 31)), late);
        }

        return [.. delivery];
    }

    /// <summary><paramref name="count"/> new interactions after <see cref="Now"/>, one a minute.</summary>
    public static DomainEvent[] NewInteractions(int count)
    {
        var story = new CustomerStory("live-i-");
        for (var i = 0; i < count; i++)
        {
            story.Interaction(Now.AddMinutes(i + 1));
        }

        return [.. story._events];
    }

    /// <summary><paramref name="count"/> attribute changes after <see cref="Now"/>: e-mail, preferred name, phone, tier.</summary>
    public static DomainEvent[] NewAttributeChanges(int count)
    {
        var story = new CustomerStory("live-a-");
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            story.Add(Channel.MobileApp, Now.AddMinutes(i + 1), "mobile-backend", (i % 4) switch
            {
                0 => new AttributesChanged { Email = "ada.walsh" + n + "@example.net" },
                1 => new AttributesChanged { PreferredName = "Ada " + n },
                2 => new AttributesChanged { ContactPhone = "+44 7700 9" + (i % 100000).ToString("D5", CultureInfo.InvariantCulture) },
                _ => new AttributesChanged { Tier = i % 8 == 3 ? "gold" : "platinum", MarketingConsent = i % 8 == 3 },
            });
        }

        return [.. story._events];
    }

    /// <summary><paramref name="count"/> steps of the open tasks after <see cref="Now"/>, round robin.</summary>
    public static DomainEvent[] NewTaskSteps(int count)
    {
        var story = new CustomerStory("live-t-");
        for (var i = 0; i < count; i++)
        {
            var at = Now.AddMinutes(i + 1);
            story.Add(Channel.BranchCounter, at, "branch-teller", new TaskStepCompleted(OpenTaskIds[i % OpenTasks], "documents checked " + i.ToString(CultureInfo.InvariantCulture))
            {
                NextAction = "sign the agreement at the branch",
                DueAt = at.AddDays(3),
            });
        }

        return [.. story._events];
    }

    /// <summary>Applies every event and throws unless each was applied (not duplicate, rejected or invalid).</summary>
    public static void ApplyAll(CustomerProfile profile, IEnumerable<DomainEvent> events, string what)
    {
        foreach (var e in events)
        {
            var result = profile.Apply(e);
            if (result.Outcome != ApplyOutcome.Applied)
            {
                throw new InvalidOperationException($"{what}: {e.Payload.Name} {e.Id} was {result.Outcome}: {result.Reason}");
            }
        }
    }

    private void Onboarding()
    {
        const string Crm = "crm";
        Add(Channel.BranchCounter, Start, Crm, new AttributesChanged
        {
            FullName = "Ada Margaret Walsh",
            PreferredName = "Ada",
            Email = "ada.walsh@example.com",
            ContactPhone = "+44 7700 900123",
            PostalAddress = "14 Mill Lane, Harrogate HG1 2AB",
            PreferredLanguage = "en-GB",
            Accessibility = new AccessibilitySet([AccessibilityNeed.LargePrint, AccessibilityNeed.HearingLoop], "prefers the quiet room"),
            Segment = "retail",
            Tier = "standard",
            MarketingConsent = true,
            DateOfBirth = new DateOnly(1961, 6, 14),
            PreferredChannel = Channel.BranchCounter,
        });
        Add(Channel.BranchCounter, Start.AddMinutes(3), Crm, new IdentifierLinked(IdentifierKind.Phone, "+44 7700 900123", false));
        Add(Channel.BranchCounter, Start.AddMinutes(9), "kyc-service", new IdentifierLinked(IdentifierKind.NationalId, "QQ123456C", false));
        Add(Channel.BranchCounter, Start.AddMinutes(40), "core-banking", new IdentifierLinked(IdentifierKind.Account, "40123456781234", false));
        Add(Channel.MobileApp, Start.AddDays(2), "card-management", new IdentifierLinked(IdentifierKind.Card, "4000 0012 3456 7899", false));
    }

    private void PastInteractions(int count)
    {
        var span = Now - TimeSpan.FromHours(2) - Start.AddDays(2);
        for (var i = 0; i < count; i++)
        {
            Interaction(Start.AddDays(2) + (span * (i + 1) / count));
        }
    }

    private void Interaction(DateTimeOffset at)
    {
        var (channel, source) = Channels[_random.Next(Channels.Length)];
        var staffed = channel is Channel.BranchCounter or Channel.CallCenter or Channel.Social or Channel.RelationshipManager;
        var topic = Topics[_random.Next(Topics.Length)];
        Add(channel, at, source, new InteractionRecorded
        {
            Type = (InteractionType)(1 + _random.Next(6)),
            Topic = topic,
            Summary = "Customer asked about " + topic + " and was helped",
            StaffId = staffed ? "agent-" + _random.Next(1, 80).ToString("D3", CultureInfo.InvariantCulture) : string.Empty,
            Outcome = (InteractionOutcome)(1 + _random.Next(5)),
            ResolvedFirstContact = _random.Next(4) != 0,
            WaitingDuration = staffed ? TimeSpan.FromSeconds(_random.Next(30, 900)) : null,
            HandlingDuration = TimeSpan.FromSeconds(_random.Next(60, 1800)),
        });
    }

    private void Tasks()
    {
        for (var i = 0; i < 20; i++)
        {
            var id = "T-" + i.ToString("D3", CultureInfo.InvariantCulture);
            var at = Start.AddDays(3 + (i * 4)).AddHours(2);
            Add(Channel.MobileApp, at, "loan-origination", new TaskStarted(id, (TaskKind)(1 + (i % 6)), "Task " + id) { NextAction = "upload documents", DueAt = at.AddDays(5) });
            Add(Channel.MobileApp, at.AddDays(1), "loan-origination", new TaskStepCompleted(id, "documents uploaded") { NextAction = "sign at branch" });
            Add(Channel.BranchCounter, at.AddDays(2), "branch-teller", new TaskCompleted(id, "signed"));
        }

        for (var i = 0; i < OpenTasks; i++)
        {
            var id = OpenTaskIds[i];
            var at = Now.AddDays(-10 + i).AddHours(3);
            Add(Channel.MobileApp, at, "loan-origination", new TaskStarted(id, TaskKind.LoanApplication, "Personal loan " + id)
            {
                NextAction = "upload payslips",
                DueAt = at.AddDays(7),
                ExpiresAt = at.AddDays(30),
            });
            Add(Channel.MobileApp, at.AddHours(5), "loan-origination", new TaskStepCompleted(id, "payslips uploaded") { NextAction = "credit check" });
        }

        Add(Channel.OnlineBanking, Now.AddDays(-5), "loan-origination", new TaskWaiting(OpenTaskIds[0], WaitingParty.Customer, "proof of address missing"));
        Add(Channel.CallCenter, Now.AddDays(-2), "contact-center", new TaskHandedOff(OpenTaskIds[1], Channel.BranchCounter, "sign the agreement at the branch"));
    }

    private void Complaints()
    {
        for (var i = 0; i < 5; i++)
        {
            var id = "CMP-004217-" + i.ToString(CultureInfo.InvariantCulture);
            var open = i >= 3;
            var filed = open ? Now.AddDays(-20 + (i * 4)) : Start.AddDays(10 + (i * 20));
            Add(Channel.CallCenter, filed, "contact-center", new ComplaintFiled(id, "cards", (ComplaintSeverity)(1 + (i % 4)), "Card declined abroad although a travel notice was set"));
            Add(Channel.CallCenter, filed.AddHours(6), "complaints-desk", new ComplaintAcknowledged(id, "cmp-handler-007"));
            if (open)
            {
                Add(Channel.CallCenter, filed.AddDays(2), "complaints-desk", new ComplaintEscalated(id, "complaints-specialists", "Needs a specialist review"));
            }
            else
            {
                Add(Channel.CallCenter, filed.AddDays(5), "complaints-desk", new ComplaintResolved(id, "Fee refunded and the card scheme notified"));
                Add(Channel.OnlineBanking, filed.AddDays(6), "web-banking", new ComplaintConfirmed(id));
            }
        }
    }

    private void Appointments()
    {
        for (var i = 0; i < 6; i++)
        {
            var id = "APT-004217-" + i.ToString(CultureInfo.InvariantCulture);
            var booked = Start.AddDays(5 + (i * 15));
            var upcoming = i >= 4;
            var scheduled = upcoming ? Now.AddDays(i - 3) : booked.AddDays(4);
            Add(Channel.OnlineBanking, booked, "web-banking", new AppointmentBooked(id, scheduled, "Harrogate branch", "Mortgage review") { StaffId = "advisor-012" });
            if (upcoming)
            {
                continue;
            }

            if (i == 3)
            {
                Add(Channel.BranchCounter, scheduled.AddMinutes(30), "branch-queue", new AppointmentMissed(id));
                continue;
            }

            Add(Channel.BranchCounter, scheduled.AddMinutes(-5), "branch-queue", new AppointmentCheckedIn(id));
            Add(Channel.BranchCounter, scheduled.AddMinutes(10), "branch-teller", new AppointmentServed(id, "advisor-012"));
        }
    }

    private void Feedback(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var satisfaction = 1 + _random.Next(5);
            Add(Channel.MobileApp, Start.AddDays(4 + (i * 8)).AddHours(7), "survey-service", new FeedbackGiven
            {
                Satisfaction = satisfaction,
                Nps = Math.Min(10, satisfaction * 2),
                Comment = satisfaction >= 4 ? "Quick and friendly" : "Had to call twice",
            });
        }
    }

    private void Add(Channel channel, DateTimeOffset at, string source, EventPayload payload)
    {
        var id = EventId.Parse(_prefix + (++_sequence).ToString("D6", CultureInfo.InvariantCulture));
        _events.Add(new DomainEvent(id, Customer, channel, at, source, payload));
    }
}
