using CustomerView.Contracts.State.V1;
using CustomerView.Domain;
using CustomerView.Domain.Events;
using CustomerView.Domain.Profiles;
using Wire = CustomerView.Contracts.V1;
using DomainChannel = CustomerView.Domain.Channel;

namespace CustomerView.Contracts.State;

public static partial class ProfileStateCodec
{
    private static AttributeRegisters ToRegisters(AttributesSnapshot a)
    {
        var r = new AttributeRegisters
        {
            FullName = Str(a.FullName),
            PreferredName = Str(a.PreferredName),
            Email = Str(a.Email),
            ContactPhone = Str(a.ContactPhone),
            PostalAddress = Str(a.PostalAddress),
            PreferredLanguage = Str(a.PreferredLanguage),
            Segment = Str(a.Segment),
            Tier = Str(a.Tier),
        };
        if (a.Accessibility is { } access)
        {
            var register = new AccessibilityRegister { Note = access.Value.Note, Stamp = StampOf(access.Ticks, access.EventId) };
            foreach (var need in access.Value.Needs)
            {
                register.Needs.Add((Wire.AccessibilityNeed)need);
            }

            r.Accessibility = register;
        }

        if (a.MarketingConsent is { } consent)
        {
            r.MarketingConsent = new BoolRegister { Value = consent.Value, Stamp = StampOf(consent.Ticks, consent.EventId) };
        }

        if (a.DateOfBirth is { } dob)
        {
            r.DateOfBirth = new DateRegister { DayNumber = dob.Value.DayNumber, Stamp = StampOf(dob.Ticks, dob.EventId) };
        }

        if (a.PreferredChannel is { } channel)
        {
            r.PreferredChannel = new ChannelRegister { Value = (Wire.Channel)channel.Value, Stamp = StampOf(channel.Ticks, channel.EventId) };
        }

        return r;
    }

    private static AttributesSnapshot FromRegisters(AttributeRegisters? r)
    {
        if (r is null)
        {
            return new();
        }

        Stamped<AccessibilitySet>? accessibility = null;
        if (r.Accessibility is { } access)
        {
            var needs = new List<AccessibilityNeed>(access.Needs.Count);
            foreach (var need in access.Needs)
            {
                needs.Add((AccessibilityNeed)need);
            }

            accessibility = new(new AccessibilitySet(needs, access.Note), access.Stamp?.Ticks ?? 0, access.Stamp?.EventId ?? string.Empty);
        }

        return new AttributesSnapshot
        {
            FullName = Str(r.FullName),
            PreferredName = Str(r.PreferredName),
            Email = Str(r.Email),
            ContactPhone = Str(r.ContactPhone),
            PostalAddress = Str(r.PostalAddress),
            PreferredLanguage = Str(r.PreferredLanguage),
            Accessibility = accessibility,
            Segment = Str(r.Segment),
            Tier = Str(r.Tier),
            MarketingConsent = r.MarketingConsent is { } c ? new(c.Value, c.Stamp?.Ticks ?? 0, c.Stamp?.EventId ?? string.Empty) : null,
            DateOfBirth = r.DateOfBirth is { } d ? new(DateOnly.FromDayNumber(d.DayNumber), d.Stamp?.Ticks ?? 0, d.Stamp?.EventId ?? string.Empty) : null,
            PreferredChannel = r.PreferredChannel is { } p ? new((DomainChannel)p.Value, p.Stamp?.Ticks ?? 0, p.Stamp?.EventId ?? string.Empty) : null,
        };
    }

    private static StringRegister? Str(Stamped<string>? value) =>
        value is null ? null : new StringRegister { Value = value.Value, Stamp = StampOf(value.Ticks, value.EventId) };

    private static Stamped<string>? Str(StringRegister? register) =>
        register is null ? null : new(register.Value, register.Stamp?.Ticks ?? 0, register.Stamp?.EventId ?? string.Empty);

    private static Stamp StampOf(long ticks, string eventId) => new() { Ticks = ticks, EventId = eventId };
}
