using CustomerView.Contracts.Profiles;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Identity;
using CustomerView.Domain.Insights;
using CustomerView.Domain.Profiles;
using CustomerView.Testing;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace CustomerView.Contracts.Tests;

public sealed class ProfileProjectionWireTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly CustomerId Customer = CustomerId.Parse("C-91");
    private static readonly V1.ProfileView[] Views = [V1.ProfileView.Card, V1.ProfileView.Standard, V1.ProfileView.Full, V1.ProfileView.Unspecified, (V1.ProfileView)42];

    [Fact]
    public void SerializeResponse_ParsesToTheProjectedResponse_ForAnyInteractionsInEveryView()
    {
        var histories = Gen.ListOf(InteractionGenerators.Entries).Select(entries => entries.Take(30).ToArray());
        Prop.ForAll(Arb.From(histories), entries =>
        {
            var profile = CustomerProfile.Restore(new CustomerProfile(Customer).ToSnapshot() with { Interactions = entries });
            Assert.IsAssignableFrom<IPackedInteractionHistory>(profile.Interactions);
            AssertSameResponse(profile, ProfileInsights.Evaluate(profile, T0));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void SerializeResponse_ParsesToTheProjectedResponse_WhenTheProfileHoldsEverySection()
    {
        var fixture = new ProfileFixture();
        fixture.Apply(new AttributesChanged { FullName = "Ana Ruiz", PreferredLanguage = "es", Tier = "gold" }, T0);
        fixture.Apply(new IdentifierLinked(IdentifierKind.Phone, "+34600000001", true), T0.AddMinutes(1));
        for (var i = 0; i < 25; i++)
        {
            fixture.Apply(
                new InteractionRecorded
                {
                    Type = InteractionType.Inquiry,
                    Topic = "topic-" + (i % 4),
                    Summary = i % 3 == 0 ? string.Empty : "asked about fees ✓ " + i,
                    StaffId = i % 2 == 0 ? "agent-7" : string.Empty,
                    ResolvedFirstContact = i % 5 == 0 ? null : i % 2 == 0,
                    WaitingDuration = i % 4 == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(i * 1.5),
                    HandlingDuration = i % 3 == 0 ? null : TimeSpan.FromMinutes(i),
                    RelatedComplaintId = i == 7 ? "K1" : string.Empty,
                },
                T0.AddMinutes(10 + i).AddTicks(i * 13),
                (Channel)(1 + (i % 5)));
        }

        fixture.Apply(new TaskStarted("T1", TaskKind.LoanApplication, "Home loan") { DueAt = T0.AddDays(3), NextAction = "upload" }, T0.AddHours(1));
        fixture.Apply(new ComplaintFiled("K1", "fees", ComplaintSeverity.High, "double charge"), T0.AddHours(2), Channel.CallCenter);
        fixture.Apply(new AppointmentBooked("A1", T0.AddDays(1), "BR-7", "advice"), T0.AddHours(3));
        fixture.Apply(new FeedbackGiven { Satisfaction = 4, Nps = 9, Comment = "quick" }, T0.AddHours(4));

        Assert.IsAssignableFrom<IPackedInteractionHistory>(fixture.Profile.Interactions);
        AssertSameResponse(fixture.Profile, ProfileInsights.Evaluate(fixture.Profile, ProfileFixture.Now));
    }

    [Fact]
    public void SerializeResponse_WritesTheViewAndAnEmptyProfile_WhenTheCustomerHasNoEvents()
    {
        var profile = new CustomerProfile(Customer);

        var serialized = ProfileProjection.SerializeResponse(profile, ProfileInsights.Evaluate(profile, T0), V1.ProfileView.Card);
        var shifted = ProfileProjection.SerializeResponse(profile, ProfileInsights.Evaluate(profile, T0), V1.ProfileView.Card, offset: 7);
        var response = V1.GetProfileResponse.Parser.ParseFrom(serialized);

        Assert.Equal(serialized, shifted[7..]);
        Assert.Equal(V1.ProfileView.Card, response.View);
        Assert.Equal(Customer.Value, response.Profile.CustomerId);
        Assert.Empty(response.Profile.RecentInteractions);
    }

    /// <summary>
    /// Compares the parsed bytes, not the projected message itself: protobuf writes a lone surrogate as U+FFFD, so only
    /// the message after a round trip is what any reader of either encoding sees.
    /// </summary>
    private static void AssertSameResponse(CustomerProfile profile, ProfileInsight insight)
    {
        foreach (var view in Views)
        {
            var projected = new V1.GetProfileResponse { Profile = ProfileProjection.Project(profile, insight, view), View = ProfileProjection.ResolveView(view) };

            var serialized = ProfileProjection.SerializeResponse(profile, insight, view);

            Assert.Equal(V1.GetProfileResponse.Parser.ParseFrom(projected.ToByteArray()), V1.GetProfileResponse.Parser.ParseFrom(serialized));
            Assert.Equal(projected.CalculateSize(), serialized.Length);
            Assert.Equal(serialized, ProfileProjection.SerializeResponse(profile, insight, view, offset: 32)[32..]);
        }
    }
}
