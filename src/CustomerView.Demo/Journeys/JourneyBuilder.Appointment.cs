using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

internal static partial class JourneyBuilder
{
    private const string BranchQueue = "branch-queue";

    /// <summary>
    /// A branch appointment booked in online banking: checked in at the branch's queue system and served at the
    /// counter, missed, cancelled in the app, or still ahead (today or in the coming days).
    /// </summary>
    private static void Appointment(
        JourneyWriter writer, DemoOptions options, DemoCustomer customer, DemoRandom random, AppointmentOutcome outcome, DateTimeOffset scheduled, int number)
    {
        var appointmentId = string.Create(CultureInfo.InvariantCulture, $"APT-{customer.Index + 1:D6}-{number}");
        var purpose = customer.Segment == "sme" ? "Business account review" : random.Pick(DemoCatalog.AppointmentPurposes);
        var adviser = random.Chance(0.5) ? Staff("advisor", random) : string.Empty;
        var booked = writer.Start;
        writer.Add(Channel.OnlineBanking, booked, "web-banking", new AppointmentBooked(appointmentId, scheduled, customer.Town.Branch, purpose)
        {
            StaffId = adviser,
        }, appointmentId);

        switch (outcome)
        {
            case AppointmentOutcome.Upcoming:
                return;
            case AppointmentOutcome.Cancelled:
                var cancelAt = booked + ((scheduled - booked) / 2);
                writer.Add(Channel.MobileApp, cancelAt, "mobile-backend", new AppointmentCancelled(appointmentId, "No longer needed"), appointmentId);
                return;
            case AppointmentOutcome.Missed:
                writer.Add(Channel.BranchCounter, scheduled + TimeSpan.FromMinutes(30), BranchQueue, new AppointmentMissed(appointmentId), appointmentId);
                return;
        }

        var arrived = scheduled - random.Between(TimeSpan.Zero, TimeSpan.FromMinutes(12));
        writer.Add(Channel.BranchCounter, arrived, BranchQueue, new AppointmentCheckedIn(appointmentId), appointmentId);
        var waited = random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(20));
        var handled = random.Between(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(50));
        var staff = adviser.Length > 0 ? adviser : customer.Teller;
        var served = arrived + waited;
        var visit = writer.Add(Channel.BranchCounter, served, "branch-teller", new InteractionRecorded
        {
            Type = InteractionType.Consultation,
            Topic = "appointment",
            Summary = purpose,
            StaffId = staff,
            Outcome = random.Chance(0.8) ? InteractionOutcome.Resolved : InteractionOutcome.FollowUpRequired,
            ResolvedFirstContact = random.Chance(0.8),
            WaitingDuration = waited,
            HandlingDuration = handled,
        }, appointmentId);
        writer.Add(Channel.BranchCounter, served + TimeSpan.FromSeconds(20), "branch-teller", new AppointmentServed(appointmentId, staff), appointmentId);
        if (visit is not null)
        {
            Feedback(writer, options, random, Channel.BranchCounter, served + handled, waited > TimeSpan.FromMinutes(15) ? "neutral" : "good", visit, appointmentId);
        }
    }
}
