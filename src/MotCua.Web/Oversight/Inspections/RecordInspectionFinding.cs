using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>POST /api/v1/oversight/inspections/{id}/rounds/{roundId}/findings</c>: the result of one checklist item at a unit the round covers:
/// đạt (passed) or không đạt, with a note; a failed item needs the note saying what was wrong. When the round has a checklist, the item is one of it.
/// </summary>
internal static class RecordInspectionFinding
{
    public sealed record RecordInspectionFindingRequest(int? Version, string? UnitCode, string? Item, bool? Passed, string? Note);

    public static async Task<Ok<GetInspectionPlan.InspectionPlanResponse>> Handle(int id, int roundId, RecordInspectionFindingRequest request,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<OversightResource> text,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("item", request.Item, 500);
        errors.MaxLength("note", request.Note, 1000);
        if (request.Passed is null)
        {
            errors.Add("passed", "Validation.Required");
        }
        else if (request.Passed == false && string.IsNullOrWhiteSpace(request.Note))
        {
            errors.Add("note", "Inspections.FailedNeedsNote");
        }

        errors.ThrowIfAny();
        var write = await InspectionWrite.LoadAsync(db, actor, id, request.Version, text, cancellationToken);
        var round = write.Plan.Rounds.SingleOrDefault(r => r.Id == roundId) ?? throw ProblemException.NotFound();
        var unitId = await InspectionWrite.UnitIdAsync(db, round.Units.Select(u => u.UnitId), request.UnitCode, cancellationToken);
        if (unitId is null)
        {
            errors.Add("unitCode", "Inspections.NotInRound", request.UnitCode ?? "");
        }

        if (round.Checklist.Count > 0 && !round.Checklist.Any(i => i.Text == request.Item!.Trim()))
        {
            errors.Add("item", "Inspections.NotInChecklist");
        }

        errors.ThrowIfAny();

        var finding = new InspectionFinding
        {
            UnitId = unitId!.Value,
            Item = request.Item!.Trim(),
            Passed = request.Passed!.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        };
        round.Findings.Add(finding);
        await write.RecordAsync(audit, actor, "oversight.inspection-finding.recorded", null,
            new { Round = round.Id, Unit = request.UnitCode!.Trim(), finding.Item, finding.Passed, finding.Note }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, write.Plan, clock, text, cancellationToken));
    }
}
