using CustomerView.Domain.Events;

namespace CustomerView.Domain.Profiles;

/// <summary>A customer's attributes and preferences; every field is last-writer-wins by occurrence time.</summary>
public sealed class CustomerAttributes
{
    private Register<string> _fullName = new();
    private Register<string> _preferredName = new();
    private Register<string> _email = new();
    private Register<string> _contactPhone = new();
    private Register<string> _postalAddress = new();
    private Register<string> _preferredLanguage = new();
    private Register<AccessibilitySet> _accessibility = new();
    private Register<string> _segment = new();
    private Register<string> _tier = new();
    private Register<bool?> _marketingConsent = new();
    private Register<DateOnly?> _dateOfBirth = new();
    private Register<Channel> _preferredChannel = new();

    internal CustomerAttributes()
    {
    }

    /// <summary>Full legal name.</summary>
    public string FullName => _fullName.Value ?? string.Empty;

    /// <summary>How the customer likes to be addressed.</summary>
    public string PreferredName => _preferredName.Value ?? string.Empty;

    /// <summary>E-mail address.</summary>
    public string Email => _email.Value ?? string.Empty;

    /// <summary>Contact phone in E.164.</summary>
    public string ContactPhone => _contactPhone.Value ?? string.Empty;

    /// <summary>Postal address.</summary>
    public string PostalAddress => _postalAddress.Value ?? string.Empty;

    /// <summary>BCP 47 language tag.</summary>
    public string PreferredLanguage => _preferredLanguage.Value ?? string.Empty;

    /// <summary>Accessibility needs with a note.</summary>
    public AccessibilitySet Accessibility => _accessibility.Value ?? AccessibilitySet.None;

    /// <summary>Customer segment.</summary>
    public string Segment => _segment.Value ?? string.Empty;

    /// <summary>Tier.</summary>
    public string Tier => _tier.Value ?? string.Empty;

    /// <summary>Consent to marketing; <see langword="null"/> when never stated.</summary>
    public bool? MarketingConsent => _marketingConsent.Value;

    /// <summary>Date of birth, when known.</summary>
    public DateOnly? DateOfBirth => _dateOfBirth.Value;

    /// <summary>The channel the customer prefers.</summary>
    public Channel PreferredChannel => _preferredChannel.Value;

    /// <summary>Whether the person serving must offer assistance.</summary>
    public bool NeedsAssistance => Accessibility.Needs.Count > 0 || Accessibility.Note.Length > 0;

    /// <summary>Offers every present field of <paramref name="change"/>; returns whether anything visible changed.</summary>
    internal bool Offer(AttributesChanged change, string? normalizedPhone, Stamp stamp)
    {
        var changed = false;
        changed |= change.FullName is { } fullName && _fullName.Offer(fullName.Trim(), stamp);
        changed |= change.PreferredName is { } preferredName && _preferredName.Offer(preferredName.Trim(), stamp);
        changed |= change.Email is { } email && _email.Offer(email.Trim(), stamp);
        changed |= normalizedPhone is not null && _contactPhone.Offer(normalizedPhone, stamp);
        changed |= change.PostalAddress is { } address && _postalAddress.Offer(address.Trim(), stamp);
        changed |= change.PreferredLanguage is { } language && _preferredLanguage.Offer(language, stamp);
        changed |= change.Accessibility is { } accessibility && OfferAccessibility(accessibility, stamp);
        changed |= change.Segment is { } segment && _segment.Offer(segment.Trim(), stamp);
        changed |= change.Tier is { } tier && _tier.Offer(tier.Trim(), stamp);
        changed |= change.MarketingConsent is { } consent && _marketingConsent.Offer(consent, stamp);
        changed |= change.DateOfBirth is { } dateOfBirth && _dateOfBirth.Offer(dateOfBirth, stamp);
        changed |= change.PreferredChannel is { } channel && _preferredChannel.Offer(channel, stamp);
        return changed;
    }

    private bool OfferAccessibility(AccessibilitySet set, Stamp stamp)
    {
        var needs = new List<AccessibilityNeed>(set.Needs.Count);
        foreach (var need in set.Needs)
        {
            if (need != AccessibilityNeed.Unspecified && !needs.Contains(need))
            {
                needs.Add(need);
            }
        }

        needs.Sort();
        var previous = _accessibility.Value;
        var normalized = new AccessibilitySet(needs, set.Note.Trim());
        if (!stamp.IsNewerThan(_accessibility.Stamp))
        {
            return false;
        }

        _accessibility.Value = normalized;
        _accessibility.Stamp = stamp;
        return previous is null
            ? needs.Count > 0 || normalized.Note.Length > 0
            : !previous.Needs.SequenceEqual(needs) || previous.Note != normalized.Note;
    }

    internal AttributesSnapshot ToSnapshot() => new()
    {
        FullName = Snap(_fullName),
        PreferredName = Snap(_preferredName),
        Email = Snap(_email),
        ContactPhone = Snap(_contactPhone),
        PostalAddress = Snap(_postalAddress),
        PreferredLanguage = Snap(_preferredLanguage),
        Accessibility = Snap(_accessibility),
        Segment = Snap(_segment),
        Tier = Snap(_tier),
        MarketingConsent = _marketingConsent.Value is { } consent ? new(consent, _marketingConsent.Stamp.Ticks, _marketingConsent.Stamp.EventId) : null,
        DateOfBirth = _dateOfBirth.Value is { } dob ? new(dob, _dateOfBirth.Stamp.Ticks, _dateOfBirth.Stamp.EventId) : null,
        PreferredChannel = _preferredChannel.Stamp == Stamp.Never ? null : new(_preferredChannel.Value, _preferredChannel.Stamp.Ticks, _preferredChannel.Stamp.EventId),
    };

    internal void Restore(AttributesSnapshot snapshot)
    {
        Load(ref _fullName, snapshot.FullName);
        Load(ref _preferredName, snapshot.PreferredName);
        Load(ref _email, snapshot.Email);
        Load(ref _contactPhone, snapshot.ContactPhone);
        Load(ref _postalAddress, snapshot.PostalAddress);
        Load(ref _preferredLanguage, snapshot.PreferredLanguage);
        Load(ref _accessibility, snapshot.Accessibility);
        Load(ref _segment, snapshot.Segment);
        Load(ref _tier, snapshot.Tier);
        if (snapshot.MarketingConsent is { } consent)
        {
            _marketingConsent.Value = consent.Value;
            _marketingConsent.Stamp = new(consent.Ticks, consent.EventId);
        }

        if (snapshot.DateOfBirth is { } dob)
        {
            _dateOfBirth.Value = dob.Value;
            _dateOfBirth.Stamp = new(dob.Ticks, dob.EventId);
        }

        Load(ref _preferredChannel, snapshot.PreferredChannel);
    }

    private static Stamped<T>? Snap<T>(Register<T> register) =>
        register.Value is { } value && register.Stamp != Stamp.Never ? new(value, register.Stamp.Ticks, register.Stamp.EventId) : null;

    private static void Load<T>(ref Register<T> register, Stamped<T>? stamped)
    {
        if (stamped is not null)
        {
            register.Value = stamped.Value;
            register.Stamp = new(stamped.Ticks, stamped.EventId);
        }
    }
}
