using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>POST /api/v1/oversight/inspections/{id}/corrections/{correctionId}/completion</c>: follow-up: the supervisor marks a required correction
/// done, on today's Vietnam date, with a note on how it was corrected. Done once: a second completion answers 409.
/// </summary>
internal static class CompleteInspectionCorrection
{
    public sealed record CompleteInspectionCorrectionRequest(int? Version, string? Note);

    public static async Task<Ok<GetInspectionPlan.InspectionPlanResponse>> Handle(int id, int correctionId, CompleteInspectionCorrectionRequest request,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<OversightResource> text,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("note", request.Note, 1000);
        errors.ThrowIfAny();
        var write = await InspectionWrite.LoadAsync(db, actor, id, request.Version, text, cancellationToken);
        var correction = write.Plan.Rounds.SelectMany(r => r.Corrections).SingleOrDefault(c => c.Id == correctionId) ?? throw ProblemException.NotFound();
        if (correction.DoneOn is not null)
        {
            throw ProblemException.Conflict("correction-done", "Problem.Conflict", text["Inspections.AlreadyDone"]);
        }

        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var overdue = correction.IsOverdue(today);
        correction.Complete(today, request.Note!.Trim());
        await write.RecordAsync(audit, actor, "oversight.inspection-correction.done", new { Correction = correction.Id, Done = false },
            new { Correction = correction.Id, Done = true, DoneOn = today.ToString("O", CultureInfo.InvariantCulture), Late = overdue, correction.DoneNote },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, write.Plan, clock, text, cancellationToken));
    }
}
