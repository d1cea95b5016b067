using CustomerView.Domain.Identity;

namespace CustomerView.Domain.Tests;

public sealed class IdentifierNormalizerTests
{
    private static readonly IdentifierNormalizer German = new(new IdentifierOptions { DefaultCountryCallingCode = "49" });

    [Theory]
    [InlineData("+49 151 12345678", "+4915112345678")]
    [InlineData("0049-151-12345678", "+4915112345678")]
    [InlineData("0151 / 123 456 78", "+4915112345678")]
    [InlineData("(0151) 12345678", "+4915112345678")]
    [InlineData("+1 (202) 555-0123", "+12025550123")]
    [InlineData("151.1234.5678", "+4915112345678")]
    public void TryNormalizePhone_ReturnsE164_WhenNumberIsInACommonFormat(string input, string expected)
    {
        Assert.True(German.TryNormalizePhone(input, out var e164, out var error), error);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("+49 151 1234567890123", "8 to 15")]
    [InlineData("+12345", "8 to 15")]
    [InlineData("+0151 12345678", "cannot start with 0")]
    [InlineData("+49 151 CALL-NOW", "unexpected character")]
    [InlineData("12+3456789", "unexpected character")]
    public void TryNormalizePhone_ReturnsReason_WhenNumberIsNotAPhoneNumber(string input, string reasonPart)
    {
        Assert.False(German.TryNormalizePhone(input, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalizePhone_RejectsNationalNumber_WhenNoDefaultCountryCode()
    {
        Assert.False(IdentifierNormalizer.Default.TryNormalizePhone("0151 12345678", out _, out var error));
        Assert.Contains("country code", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_GivesSameFingerprint_WhenCardNumberIsFormattedDifferently()
    {
        Assert.True(German.TryNormalize(IdentifierKind.Card, "4111 1111 1111 1111", out var a, out _));
        Assert.True(German.TryNormalize(IdentifierKind.Card, "4111-1111-1111-1111", out var b, out _));

        Assert.Equal(a.Key, b.Key);
        Assert.Equal("**** 1111", a.Display);
    }

    [Fact]
    public void TryNormalize_GivesDifferentFingerprints_WhenKeysDiffer()
    {
        var other = new IdentifierNormalizer(new IdentifierOptions { FingerprintKey = "production-secret" });
        Assert.True(German.TryNormalize(IdentifierKind.NationalId, "AB 12 34 56 C", out var a, out _));
        Assert.True(other.TryNormalize(IdentifierKind.NationalId, "AB123456C", out var b, out _));

        Assert.NotEqual(a.Key, b.Key);
        Assert.Equal("****456C", a.Display);
        Assert.DoesNotContain("AB123456C", a.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_KeepsTokenAsIs_WhenCardValueIsNotAPan()
    {
        Assert.True(German.TryNormalize(IdentifierKind.Card, "tok_9f8e7d", out var id, out _));

        Assert.Equal("tok:tok_9f8e7d", id.Key);
        Assert.Equal("tok_9f8e7d", id.Display);
    }

    [Theory]
    [InlineData(IdentifierKind.Account, "de89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData(IdentifierKind.Account, "12-3456-78", "12345678")]
    public void TryNormalize_UppercasesAndCompactsAccount_WhenGivenWithSeparators(IdentifierKind kind, string input, string expected)
    {
        Assert.True(German.TryNormalize(kind, input, out var id, out _));
        Assert.Equal(expected, id.Key);
    }

    [Theory]
    [InlineData(IdentifierKind.Account, "12", "4 to 34")]
    [InlineData(IdentifierKind.Account, "DE89#3704", "letters and digits")]
    [InlineData(IdentifierKind.NationalId, "   ", "missing")]
    [InlineData((IdentifierKind)42, "12345678", "not one of")]
    public void TryNormalize_ReturnsReason_WhenValueIsInvalid(IdentifierKind kind, string input, string reasonPart)
    {
        Assert.False(German.TryNormalize(kind, input, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C-1001", true)]
    [InlineData("cust:0042.a_b", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    public void CustomerIdTryCreate_AcceptsOnlyTheDocumentedAlphabet(string value, bool valid)
    {
        Assert.Equal(valid, CustomerId.TryCreate(value, out _, out _));
    }

    [Fact]
    public void CustomerIdTryCreate_RejectsOverlongId()
    {
        Assert.False(CustomerId.TryCreate(new string('a', 65), out _, out var error));
        Assert.Contains("64", error, StringComparison.Ordinal);
    }
}
