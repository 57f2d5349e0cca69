using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>POST /api/v1/oversight/inspections/{id}/rounds/{roundId}/corrections</c>: a correction the round requires of a unit it covers (yêu cầu
/// khắc phục), with a deadline on or after the round's date.
/// </summary>
internal static class RequireInspectionCorrection
{
    /// <param name="Deadline">yyyy-MM-dd, on or after the round's date.</param>
    public sealed record RequireInspectionCorrectionRequest(int? Version, string? UnitCode, string? Requirement, string? Deadline);

    public static async Task<Ok<GetInspectionPlan.InspectionPlanResponse>> Handle(int id, int roundId, RequireInspectionCorrectionRequest request,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<OversightResource> text,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("requirement", request.Requirement, 1000);
        if (!DateOnly.TryParseExact(request.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            errors.Add("deadline", "Validation.Date");
        }

        errors.ThrowIfAny();
        var write = await InspectionWrite.LoadAsync(db, actor, id, request.Version, text, cancellationToken);
        var round = write.Plan.Rounds.SingleOrDefault(r => r.Id == roundId) ?? throw ProblemException.NotFound();
        if (await InspectionWrite.UnitIdAsync(db, round.Units.Select(u => u.UnitId), request.UnitCode, cancellationToken) is not { } unitId)
        {
            errors.Add("unitCode", "Inspections.NotInRound", request.UnitCode ?? "");
            unitId = 0;
        }

        if (deadline < round.Date)
        {
            errors.Add("deadline", "Inspections.DeadlineBeforeRound", Reporting.Outputs.ViText.Date(round.Date));
        }

        errors.ThrowIfAny();
        var correction = new InspectionCorrection { UnitId = unitId, Requirement = request.Requirement!.Trim(), Deadline = deadline };
        round.Corrections.Add(correction);
        await write.RecordAsync(audit, actor, "oversight.inspection-correction.required", null,
            new { Round = round.Id, Unit = request.UnitCode!.Trim(), correction.Requirement, Deadline = deadline.ToString("O", CultureInfo.InvariantCulture) },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, write.Plan, clock, text, cancellationToken));
    }
}
