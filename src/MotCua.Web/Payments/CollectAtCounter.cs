using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Workflow;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/payments</c>: the desk of the receiving unit collects what the dossier owes, in cash, by card
/// or by bank transfer, and issues the e-receipt. It never calls the gateway: a gateway that is down does not stop the desk.
/// Two desks collecting one dossier at once: one wins, the other gets 409 and nothing of it is kept.
/// </summary>
internal static class CollectAtCounter
{
    public sealed record Request(int? Version, string? Method);

    public static async Task<Results<Ok<GetDossierPayments.View>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, PaymentBook book,
        MotCuaDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        if (!Enum.TryParse<PaymentMethod>(request.Method, ignoreCase: false, out var method) || method is not (PaymentMethod.Cash or PaymentMethod.Card or PaymentMethod.Transfer))
        {
            errors.Add("method", "Payments.CounterMethod");
        }

        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        if (!steps.Actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer))
        {
            throw ProblemException.Forbidden();
        }

        var who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        var owed = await book.OutstandingAsync(dossier.Id, cancellationToken);
        var (_, broken) = await book.SettleAsync(dossier, owed, method, who, steps.Now, null, null, cancellationToken);
        return broken is null ? TypedResults.Ok(await GetDossierPayments.ViewAsync(db, dossier, cancellationToken)) : steps.Refused(broken);
    }
}
