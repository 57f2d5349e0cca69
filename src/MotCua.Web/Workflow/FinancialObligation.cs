using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// The financial obligation during processing (national state 6). <c>POST .../payment-request</c>: the holder of the
/// current step tells the applicant what to pay and the owner is notified; unless the procedure counts that wait, the
/// clock stops. <c>POST .../payment-confirmed</c>: the desk (which collects fees) or the holder of the step records the
/// receipt; the dossier goes back to its step and, if the clock had stopped, the time left counts on from now.
/// </summary>
internal static class FinancialObligation
{
    /// <summary>A ceiling that catches a mistyped amount (one hundred thousand billion đồng), not a legal limit.</summary>
    public const long MaxAmount = 100_000_000_000_000;

    public sealed record PaymentRequest(int? Version, long? Amount, string? Purpose);

    public sealed record Confirmation(int? Version, string? Receipt);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Request(string code, PaymentRequest request, DossierSteps steps, WorkflowNotices notices,
        MotCuaDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("purpose", request.Purpose, 1000);
        if (request.Amount is not (> 0 and <= MaxAmount))
        {
            errors.Add("amount", "Workflow.PaymentAmount");
        }

        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var (_, paymentTimeCounts) = await steps.ClockRulesAsync(dossier, cancellationToken);
        var stopsClock = !paymentTimeCounts;
        if (dossier.RequestPayment(request.Amount!.Value, request.Purpose!.Trim(), steps.Now, stopsClock) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.PaymentRequested(dossier);
        // Every obligation is a charge of the dossier, so that each one and its payment are kept (issue 19).
        db.DossierCharges.Add(new Payments.DossierCharge
        {
            DossierId = dossier.Id,
            Kind = Payments.ChargeKind.Obligation,
            Name = dossier.PaymentFor!,
            ScheduledAmount = dossier.PaymentAmount!.Value,
            AddedAt = steps.Now,
            AddedBy = steps.Actor.Name,
        });
        return TypedResults.Ok(await steps.SaveAsync(dossier, process, steps.Actor.ActingOn(current.OfficePath, current.Role), "dossier.payment-requested",
            null, new { dossier.PaymentAmount, dossier.PaymentFor, ClockStopped = dossier.OpenSuspension is not null, Step = current.Order },
            cancellationToken));
    }

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Confirm(string code, Confirmation request, DossierSteps steps, WorkflowNotices notices,
        Payments.PaymentBook book, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("receipt", request.Receipt, 60);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        Actor who;
        if (steps.Actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer))
        {
            who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        }
        else
        {
            var current = steps.Current(dossier, process);
            steps.RequireHolder(dossier, current);
            who = steps.Actor.ActingOn(current.OfficePath, current.Role);
        }

        // The obligations still owed are paid to the state budget; the document's number is the proof (a dossier whose
        // obligation predates the charges has none: its wait ends with the document alone).
        var owed = (await book.OutstandingAsync(dossier.Id, cancellationToken)).Where(c => c.Kind == Payments.ChargeKind.Obligation).ToList();
        if (owed.Count > 0)
        {
            var (_, refused) = await book.SettleAsync(dossier, owed, Payments.PaymentMethod.StateBudget, who, steps.Now, request.Receipt!.Trim(), null,
                cancellationToken);
            return refused is null ? TypedResults.Ok(DossierSteps.Response(dossier, process)) : steps.Refused(refused);
        }

        var now = steps.Now;
        var before = dossier.DueAt;
        var shift = await ResumeAsync(dossier, steps, now, cancellationToken);
        if (dossier.ConfirmPayment(request.Receipt!.Trim(), now, shift) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.PaymentConfirmed(dossier);
        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.payment-confirmed", new { DueAt = before },
            new { dossier.PaymentReceipt, dossier.PaymentAmount, dossier.DueAt, dossier.OriginalDueAt }, cancellationToken));
    }

    /// <summary>How each due moment moves once the stopped clock runs again at <paramref name="now"/>; unchanged if it never stopped.</summary>
    internal static async Task<Func<DateTime, DateTime>> ResumeAsync(Dossier dossier, DossierSteps steps, DateTime now, CancellationToken cancellationToken)
    {
        if (dossier.OpenSuspension is not { } open)
        {
            return due => due;
        }

        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var time = await steps.ProcessingTimeAsync(dossier, cancellationToken);
        var countStart = ProcessingClock.CountStart(calendar, dossier.ReceivedAt!.Value, dossier.Suspensions, time.Options);
        return due => ProcessingClock.Resumed(calendar, countStart, open.From, due, now);
    }
}
