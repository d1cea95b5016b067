using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

/// <summary>
/// One demo customer's persona, a pure function of the options and the customer's number so any journey can
/// recompute it. Customers come in blocks of eight; a block may start with a household of two or three members
/// who share a surname, an address and one phone.
/// </summary>
internal sealed class DemoCustomer
{
    private const int BlockSize = 8;

    private DemoCustomer(DemoOptions options, int index)
    {
        Index = index;
        Id = options.CustomerIdOf(index);
        var block = index / BlockSize;
        var householdRandom = DemoRandom.For(options.Seed, Streams.Household, block);
        var size = householdRandom.Chance(Math.Min(1, options.SharedPhoneShare * BlockSize / 2.5)) ? householdRandom.Next(2, 4) : 0;
        var firstOfBlock = block * BlockSize;
        var inHousehold = index - firstOfBlock < size && firstOfBlock + 1 < options.Customers;
        HouseholdSize = inHousehold ? Math.Min(size, options.Customers - firstOfBlock) : 1;

        var own = DemoRandom.For(options.Seed, Streams.Persona, index);
        var family = inHousehold ? householdRandom : own;
        Culture = family.PickWeighted(DemoCatalog.Cultures);
        Surname = family.Pick(Culture.Surnames);
        Town = family.Pick(DemoCatalog.Towns);
        PostalAddress = string.Create(CultureInfo.InvariantCulture,
            $"{family.Next(1, 180)} {family.Pick(DemoCatalog.Streets)}, {Town.Name} {Town.PostcodeArea} {family.Next(1, 10)}{(char)('A' + family.Next(0, 26))}{(char)('A' + family.Next(0, 26))}");
        if (inHousehold)
        {
            // Members differ by their own draws; the household draws above are shared.
            Culture = own.Chance(0.9) ? Culture : DemoCatalog.Cultures[0].Item;
        }

        GivenName = own.Pick(Culture.GivenNames);
        FullName = $"{GivenName} {Surname}";
        PreferredName = own.Chance(0.3) ? GivenName : null;
        Language = Culture.Language;
        Email = string.Create(CultureInfo.InvariantCulture,
            $"{DemoCatalog.Ascii(GivenName)}.{DemoCatalog.Ascii(Surname)}{index + 1}@{own.Pick(DemoCatalog.MailDomains)}");
        (Segment, Tier) = own.PickWeighted(DemoCatalog.SegmentTiers);
        MarketingConsent = own.Chance(0.55);
        PreferredChannel = own.PickWeighted(DemoCatalog.PreferredChannels);
        DateOfBirth = BirthDate(options.Now, own);
        if (own.Chance(options.AccessibilityShare))
        {
            var (needs, note) = own.Pick(DemoCatalog.AccessibilityProfiles);
            Accessibility = new AccessibilitySet(needs, note);
        }
        else if (Culture.InterpreterNote is { } interpreter && own.Chance(0.08))
        {
            Accessibility = new AccessibilitySet([AccessibilityNeed.LanguageInterpreter], interpreter);
        }

        PhoneShared = inHousehold;
        Phone = inHousehold
            ? string.Create(CultureInfo.InvariantCulture, $"+44 20 {7946 + (block / 10000 % 2000):D4} {block % 10000:D4}")
            : string.Create(CultureInfo.InvariantCulture, $"+44 77{index / 1000000 % 100:D2} {index / 1000 % 1000:D3} {index % 1000:D3}");
        CardNumber = CardNumberOf(index);
        Account = AccountOf(index);
        NationalId = string.Create(CultureInfo.InvariantCulture, $"QQ{index % 1000000:D6}{(char)('A' + (index / 1000000 % 4))}");
        OnboardingChannel = own.PickWeighted<Channel>([(Channel.BranchCounter, 40), (Channel.OnlineBanking, 30), (Channel.MobileApp, 30)]);
        Teller = string.Create(CultureInfo.InvariantCulture, $"teller-{Town.Branch[3..6].ToLowerInvariant()}-{own.Next(1, 9):D2}");
        RelationshipManager = string.Create(CultureInfo.InvariantCulture, $"rm-{own.Next(1, 40):D3}");
    }

    public int Index { get; }

    public string Id { get; }

    public int HouseholdSize { get; }

    public DemoCatalog.Culture Culture { get; }

    public string GivenName { get; }

    public string Surname { get; }

    public string FullName { get; }

    public string? PreferredName { get; }

    public string Language { get; }

    public string Email { get; }

    public string PostalAddress { get; }

    public DemoCatalog.Town Town { get; }

    public string Segment { get; }

    public string Tier { get; }

    public bool MarketingConsent { get; }

    public Channel PreferredChannel { get; }

    public DateOnly DateOfBirth { get; }

    public AccessibilitySet? Accessibility { get; }

    public string Phone { get; }

    public bool PhoneShared { get; }

    public string CardNumber { get; }

    public string Account { get; }

    public string NationalId { get; }

    public Channel OnboardingChannel { get; }

    public string Teller { get; }

    public string RelationshipManager { get; }

    public bool IsPremium => Segment == "private-banking" || Tier == "platinum";

    public static DemoCustomer Create(DemoOptions options, int index) => new(options, index);

    private static DateOnly BirthDate(DateTimeOffset now, DemoRandom random)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var age = random.Next(19, 88);
        if (random.Chance(0.01))
        {
            // A few birthdays today, so the alert shows in the demo.
            var year = today.Year - age;
            return today.Month == 2 && today.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, today.Month, today.Day);
        }

        return today.AddYears(-age).AddDays(-random.Next(1, 365));
    }

    /// <summary>A Luhn-valid 16-digit test card number (prefix 4000 00) unique per customer.</summary>
    private static string CardNumberOf(int index)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"400000{index:D9}");
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        var number = body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
        return $"{number[..4]} {number[4..8]} {number[8..12]} {number[12..]}";
    }

    /// <summary>A GB IBAN with a valid check number, for the demo bank code CVBK.</summary>
    private static string AccountOf(int index)
    {
        var bban = string.Create(CultureInfo.InvariantCulture, $"CVBK400000{index:D8}");
        var rearranged = bban + "GB00";
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        var check = 98 - remainder;
        var iban = string.Create(CultureInfo.InvariantCulture, $"GB{check:D2}{bban}");
        return string.Join(' ', iban.Chunk(4).Select(static chunk => new string(chunk)));
    }
}
