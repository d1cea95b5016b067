using CustomerView.Domain.Events;

namespace CustomerView.Contracts.Tests;

/// <summary>Structural equality of domain events (accessibility needs are a list, which record equality compares by reference).</summary>
internal static class EventAssert
{
    public static void Equal(DomainEvent expected, DomainEvent? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(TimeSpan.Zero, actual.OccurredAt.Offset);
        if (expected.Payload is AttributesChanged { Accessibility: { } expectedSet } && actual.Payload is AttributesChanged actualAttributes)
        {
            Assert.NotNull(actualAttributes.Accessibility);
            Assert.Equal(expectedSet.Needs, actualAttributes.Accessibility.Needs);
            Assert.Equal(expectedSet.Note, actualAttributes.Accessibility.Note);
            expected = expected with { Payload = (AttributesChanged)expected.Payload with { Accessibility = null } };
            actual = actual with { Payload = actualAttributes with { Accessibility = null } };
        }

        Assert.Equal(expected, actual);
    }
}
