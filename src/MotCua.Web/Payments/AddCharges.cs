using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Workflow;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/charges</c>: the desk (at intake or at the return) or the handling office (during processing)
/// puts lines of the procedure version's fee schedule on the dossier. An exemption or reduction (Law on Fees and Charges
/// 2015 Art. 10; the circular that sets each fee names who is exempt) keeps the schedule's amount and needs its legal reason.
/// </summary>
internal static class AddCharges
{
    public sealed record Line(int? Fee, long? Reduction, string? Reason);

    public sealed record Request(int? Version, IReadOnlyList<Line>? Lines);

    public static async Task<Results<Ok<GetDossierPayments.View>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, MotCuaDbContext db,
        DossierCommit commit, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        if (request.Lines is not { Count: > 0 and <= 50 })
        {
            errors.Add("lines", "Payments.NoLines");
        }

        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var who = ChargeActor(steps.Actor, dossier);
        var schedule = await db.Set<Catalog.ProcedureFee>().AsNoTracking().Where(f => f.VersionId == dossier.ProcedureVersionId).ToListAsync(cancellationToken);
        var now = steps.Now;
        var charges = new List<DossierCharge>();
        foreach (var (line, i) in request.Lines!.Select((l, i) => (l, i)))
        {
            var field = $"lines[{i}].";
            if (schedule.FirstOrDefault(f => f.Id == line.Fee) is not { } fee)
            {
                errors.Add(field + "fee", "Payments.UnknownFee");
                continue;
            }

            var reduction = line.Reduction ?? 0;
            if (reduction < 0 || reduction > fee.Amount)
            {
                errors.Add(field + "reduction", "Payments.BadReduction");
            }

            if (reduction > 0)
            {
                errors.Required(field + "reason", line.Reason, 500);
            }

            charges.Add(new DossierCharge
            {
                DossierId = dossier.Id,
                Kind = fee.Kind == Catalog.FeeKind.Phi ? ChargeKind.Phi : ChargeKind.LePhi,
                Name = fee.Name,
                ScheduledAmount = fee.Amount,
                Reduction = reduction,
                ReductionReason = reduction > 0 ? line.Reason?.Trim() : null,
                AddedAt = now,
                AddedBy = who.Name,
            });
        }

        errors.ThrowIfAny();
        if (dossier.RecordCharges() is { } broken)
        {
            return steps.Refused(broken);
        }

        db.DossierCharges.AddRange(charges);
        await commit.SaveAsync(dossier, new DossierEvent(who, "dossier.charges-added", null,
            new { Charges = charges.Select(c => new { c.Name, c.Kind, c.ScheduledAmount, c.Reduction, c.ReductionReason }) }), cancellationToken);
        return TypedResults.Ok(await GetDossierPayments.ViewAsync(db, dossier, cancellationToken));
    }

    /// <summary>The desk of the receiving unit, or a specialist or leader of the handling unit; anyone else is refused.</summary>
    internal static Audit.Actor ChargeActor(CurrentActor actor, Dossier dossier) =>
        actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer) ? actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer)
        : actor.Covers(dossier.HandlingUnitPath, StaffRole.Specialist, StaffRole.Leader) ? actor.ActingOn(dossier.HandlingUnitPath, StaffRole.Specialist, StaffRole.Leader)
        : throw ProblemException.Forbidden();
}
