using System.Globalization;
using CustomerView.Domain;
using CustomerView.Domain.Events;

namespace CustomerView.Demo.Journeys;

internal static partial class JourneyBuilder
{
    private const string Mobile = "mobile-backend";
    private const string Origination = "loan-origination";

    /// <summary>
    /// A personal loan begun in the app: form, payslips awaited from the customer, credit check, hand-off to the
    /// branch to sign the agreement, completion at the counter; or abandoned, expired or still waiting.
    /// </summary>
    private static void Loan(JourneyWriter writer, DemoOptions options, DemoCustomer customer, DemoRandom random, LoanOutcome outcome, int number)
    {
        var taskId = string.Create(CultureInfo.InvariantCulture, $"LOAN-{customer.Index + 1:D6}-{number}");
        var amount = random.Next(3, 40) * 1000;
        var at = writer.Start;
        var expires = at + TimeSpan.FromDays(30);
        var payslipsDue = at + TimeSpan.FromDays(7);
        writer.Add(Channel.MobileApp, at, Mobile, new TaskStarted(taskId, TaskKind.LoanApplication, string.Create(CultureInfo.InvariantCulture, $"Personal loan £{amount:N0}"))
        {
            DueAt = payslipsDue,
            ExpiresAt = expires,
            NextAction = "Complete the application form",
        }, taskId);
        at += random.Between(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(20));
        writer.Add(Channel.MobileApp, at, Mobile, new TaskStepCompleted(taskId, "Application form submitted")
        {
            NextAction = "Upload last three payslips",
            DueAt = payslipsDue,
        }, taskId);
        at += random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        writer.Add(Channel.MobileApp, at, Origination, new TaskWaiting(taskId, WaitingParty.Customer, "Upload last three payslips") { DueAt = payslipsDue }, taskId);

        switch (outcome)
        {
            case LoanOutcome.WaitingOnCustomer:
                if (random.Chance(0.5))
                {
                    writer.Add(Channel.CallCenter, at + random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(2)), "contact-center", new InteractionRecorded
                    {
                        Type = InteractionType.Inquiry,
                        Topic = "loan-application",
                        Summary = "Asked which payslips are accepted for the loan application",
                        StaffId = Staff("agent", random),
                        Outcome = InteractionOutcome.InformationGiven,
                        ResolvedFirstContact = true,
                        WaitingDuration = random.Between(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(8)),
                        HandlingDuration = random.Between(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10)),
                        RelatedTaskId = taskId,
                    }, taskId);
                }

                return;
            case LoanOutcome.Cancelled:
                at += random.Between(TimeSpan.FromDays(2), TimeSpan.FromDays(6));
                writer.Add(Channel.MobileApp, at, Mobile, new TaskCancelled(taskId, "Customer withdrew the application"), taskId);
                Feedback(writer, options, random, Channel.MobileApp, at, "neutral", null, taskId);
                return;
            case LoanOutcome.Expired:
                writer.Add(Channel.MobileApp, expires, Origination, new TaskExpired(taskId), taskId);
                return;
        }

        at += random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(4));
        writer.Add(Channel.MobileApp, at, Mobile, new TaskStepCompleted(taskId, "Payslips uploaded") { NextAction = "Credit assessment" }, taskId);
        at += random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        writer.Add(Channel.MobileApp, at, Origination, new TaskWaiting(taskId, WaitingParty.Bank, "Credit assessment") { DueAt = at + TimeSpan.FromDays(2) }, taskId);
        at += random.Between(TimeSpan.FromHours(4), TimeSpan.FromHours(30));
        writer.Add(Channel.MobileApp, at, Origination, new TaskStepCompleted(taskId, "Credit check passed"), taskId);
        at += random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        writer.Add(Channel.MobileApp, at, Origination, new TaskHandedOff(taskId, Channel.BranchCounter, "Sign loan agreement at branch")
        {
            DueAt = at + TimeSpan.FromDays(10),
        }, taskId);
        if (outcome == LoanOutcome.AwaitingSignature)
        {
            return;
        }

        at = BusinessHours(at + random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(6)), random);
        var waited = random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        var handled = random.Between(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(40));
        var visit = writer.Add(Channel.BranchCounter, at, "branch-teller", new InteractionRecorded
        {
            Type = InteractionType.Consultation,
            Topic = "loan-signing",
            Summary = "Signed the loan agreement at the counter",
            StaffId = customer.Teller,
            Outcome = InteractionOutcome.Resolved,
            ResolvedFirstContact = true,
            WaitingDuration = waited,
            HandlingDuration = handled,
            RelatedTaskId = taskId,
        }, taskId);
        at += waited + handled;
        writer.Add(Channel.BranchCounter, at, "branch-teller", new TaskCompleted(taskId, "Agreement signed; funds disbursed"), taskId);
        Feedback(writer, options, random, Channel.MobileApp, at, "good", visit, taskId);
    }

    /// <summary>Moves an instant into branch opening hours (09:00 to 16:30 UTC) of its day or the next.</summary>
    private static DateTimeOffset BusinessHours(DateTimeOffset at, DemoRandom random)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var time = at - day;
        if (time >= TimeSpan.FromHours(9) && time <= TimeSpan.FromHours(16.5))
        {
            return at;
        }

        var next = time > TimeSpan.FromHours(16.5) ? day + TimeSpan.FromDays(1) : day;
        return next + TimeSpan.FromHours(9) + random.Between(TimeSpan.Zero, TimeSpan.FromHours(7));
    }
}
