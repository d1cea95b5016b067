using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using static CustomerView.Domain.Tests.Events;

namespace CustomerView.Domain.Tests;

public sealed class AttributeTests
{
    [Fact]
    public void Apply_SetsPresentFieldsOnly_WhenAttributesChanged()
    {
        var profile = NewProfile().ApplyAll(
            Make("e1", new AttributesChanged { FullName = "Ada Lovelace", Tier = "gold" }, 0),
            Make("e2", new AttributesChanged { PreferredLanguage = "en-GB" }, 1));

        Assert.Equal("Ada Lovelace", profile.Attributes.FullName);
        Assert.Equal("gold", profile.Attributes.Tier);
        Assert.Equal("en-GB", profile.Attributes.PreferredLanguage);
    }

    [Fact]
    public void Apply_KeepsNewerValue_WhenOlderChangeArrivesLate()
    {
        var profile = NewProfile();
        profile.Apply(Make("new", new AttributesChanged { Email = "new@bank.example" }, 60));

        var late = profile.Apply(Make("old", new AttributesChanged { Email = "old@bank.example" }, 0));

        Assert.Equal("new@bank.example", profile.Attributes.Email);
        Assert.Equal(ApplyOutcome.Applied, late.Outcome);
        Assert.False(late.HasChanges);
    }

    [Fact]
    public void Apply_ResolvesPerField_WhenChangesInterleave()
    {
        var profile = NewProfile().ApplyAll(
            Make("e2", new AttributesChanged { Email = "b@x.example", Segment = "sme" }, 20),
            Make("e1", new AttributesChanged { Email = "a@x.example", Tier = "gold" }, 10));

        Assert.Equal("b@x.example", profile.Attributes.Email);
        Assert.Equal("gold", profile.Attributes.Tier);
        Assert.Equal("sme", profile.Attributes.Segment);
    }

    [Fact]
    public void Apply_NormalisesContactPhoneToE164_WhenGivenInternationalFormat()
    {
        var profile = NewProfile();

        profile.Apply(Make("e1", new AttributesChanged { ContactPhone = "+44 (0)7700-900 123".Replace("(0)", "", StringComparison.Ordinal) }, 0));

        Assert.Equal("+447700900123", profile.Attributes.ContactPhone);
    }

    [Theory]
    [InlineData("call me", "phone")]
    [InlineData("+12", "8 to 15")]
    public void Apply_ReturnsInvalid_WhenContactPhoneIsMalformed(string phone, string reasonPart)
    {
        var profile = NewProfile();

        var result = profile.Apply(Make("e1", new AttributesChanged { ContactPhone = phone, FullName = "X" }, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains(reasonPart, result.Reason, StringComparison.Ordinal);
        Assert.Equal(string.Empty, profile.Attributes.FullName);
    }

    [Theory]
    [InlineData("not-an-email", null, "email")]
    [InlineData(null, "english!", "language")]
    public void Apply_ReturnsInvalid_WhenEmailOrLanguageIsMalformed(string? email, string? language, string reasonPart)
    {
        var result = NewProfile().Apply(Make("e1", new AttributesChanged { Email = email, PreferredLanguage = language }, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains(reasonPart, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenDateOfBirthIsInTheFuture()
    {
        var result = NewProfile().Apply(Make("e1", new AttributesChanged { DateOfBirth = DateOnly.FromDateTime(T0.UtcDateTime).AddYears(1) }, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public void Apply_ReplacesAccessibilitySet_WhenNeedsChange()
    {
        var profile = NewProfile().ApplyAll(
            Make("e1", new AttributesChanged { Accessibility = new([AccessibilityNeed.VoiceGuidance, AccessibilityNeed.LargePrint, AccessibilityNeed.LargePrint], "") }, 0));
        Assert.Equal([AccessibilityNeed.LargePrint, AccessibilityNeed.VoiceGuidance], profile.Attributes.Accessibility.Needs);
        Assert.True(profile.Attributes.NeedsAssistance);

        var cleared = profile.Apply(Make("e2", new AttributesChanged { Accessibility = AccessibilitySet.None }, 1));

        Assert.True(cleared.HasChanges);
        Assert.Empty(profile.Attributes.Accessibility.Needs);
        Assert.False(profile.Attributes.NeedsAssistance);
    }

    [Fact]
    public void Apply_ClearsContactPhone_WhenEmptyPhoneIsPresent()
    {
        var profile = NewProfile().ApplyAll(
            Make("e1", new AttributesChanged { ContactPhone = "+4915112345678" }, 0),
            Make("e2", new AttributesChanged { ContactPhone = "" }, 1));

        Assert.Equal(string.Empty, profile.Attributes.ContactPhone);
    }
}

public sealed class IdentifierTests
{
    [Fact]
    public void Apply_LinksNormalisedPhone_WhenIdentifierLinked()
    {
        var profile = NewProfile();

        var result = profile.Apply(Make("e1", new IdentifierLinked(IdentifierKind.Phone, "0049 151 1234 5678", Shared: true), 0));

        Assert.Equal(ProfileSections.Identifiers, result.Changed);
        var id = Assert.Single(profile.Identifiers);
        Assert.Equal("+4915112345678", id.Key);
        Assert.True(id.Shared);
    }

    [Fact]
    public void Apply_NeverStoresCardNumberInClear_WhenPanLinked()
    {
        var profile = NewProfile();

        profile.Apply(Make("e1", new IdentifierLinked(IdentifierKind.Card, "4111 1111 1111 1111", false), 0));

        var id = Assert.Single(profile.Identifiers);
        Assert.Equal("**** 1111", id.Display);
        Assert.StartsWith("pan:", id.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", id.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnlinksIdentifier_WhenUnlinkIsNewer()
    {
        var profile = NewProfile().ApplyAll(
            Make("e1", new IdentifierLinked(IdentifierKind.Account, "DE89 3704 0044 0532 0130 00", false), 0),
            Make("e2", new IdentifierUnlinked(IdentifierKind.Account, "de89370400440532013000"), 5));

        Assert.Empty(profile.Identifiers);
    }

    [Fact]
    public void Apply_KeepsUnlinked_WhenOlderLinkArrivesAfterUnlink()
    {
        var profile = NewProfile().ApplyAll(
            Make("e2", new IdentifierUnlinked(IdentifierKind.Phone, "+4915112345678"), 5),
            Make("e1", new IdentifierLinked(IdentifierKind.Phone, "+4915112345678", false), 0));

        Assert.Empty(profile.Identifiers);
    }

    [Fact]
    public void Apply_ReturnsInvalid_WhenIdentifierKindIsUnspecified()
    {
        var result = NewProfile().Apply(Make("e1", new IdentifierLinked(IdentifierKind.Unspecified, "123456", false), 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("kind", result.Reason, StringComparison.Ordinal);
    }
}

public sealed class RobustnessTests
{
    [Fact]
    public void Apply_ReturnsInvalidWithoutCrashing_WhenContactPhoneIsHuge()
    {
        var result = Events.NewProfile().Apply(Events.Make("e1", new AttributesChanged { ContactPhone = new string('1', 1_000_000) }, 0));

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains("longer than", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AccessibilitySet_IsEqual_WhenNeedsAndNoteAreEqual()
    {
        var a = new AccessibilitySet([AccessibilityNeed.LargePrint, AccessibilityNeed.HearingLoop], "note");
        var b = new AccessibilitySet(new List<AccessibilityNeed> { AccessibilityNeed.LargePrint, AccessibilityNeed.HearingLoop }, "note");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Note = "other" });
    }
}
