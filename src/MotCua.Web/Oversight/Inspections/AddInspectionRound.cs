using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>POST /api/v1/oversight/inspections/{id}/rounds</c>: a supervisor records a round of the plan, scheduled (announced with its date) or
/// unannounced (đột xuất), its date within the plan's year, its team lead and the plan's units it covers.
/// </summary>
internal static class AddInspectionRound
{
    /// <param name="Kind"><c>Scheduled</c> or <c>Unannounced</c>.</param>
    /// <param name="Date">yyyy-MM-dd, within the plan's year.</param>
    public sealed record AddInspectionRoundRequest(int? Version, string? Kind, string? Date, string? TeamLead, IReadOnlyList<string>? UnitCodes);

    public static async Task<Ok<GetInspectionPlan.InspectionPlanResponse>> Handle(int id, AddInspectionRoundRequest request, MotCuaDbContext db,
        CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        var kind = ReportSelection.Parse<InspectionKind>(errors, "kind", request.Kind);
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors.Add("kind", "Validation.Required");
        }

        errors.Required("teamLead", request.TeamLead, 200);
        var dated = DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (!dated)
        {
            errors.Add("date", "Validation.Date");
        }

        errors.ThrowIfAny();
        var write = await InspectionWrite.LoadAsync(db, actor, id, request.Version, text, cancellationToken);
        if (date.Year != write.Plan.Year)
        {
            errors.Add("date", "Inspections.OutsideYear", write.Plan.Year);
        }

        var unitIds = new List<int>();
        foreach (var code in (request.UnitCodes ?? []).Distinct())
        {
            if (await InspectionWrite.UnitIdAsync(db, write.Plan.Units.Select(u => u.UnitId), code, cancellationToken) is { } unitId)
            {
                unitIds.Add(unitId);
            }
            else
            {
                errors.Add("unitCodes", "Inspections.NotPlanned", code);
            }
        }

        if (unitIds.Count == 0)
        {
            errors.Add("unitCodes", "Validation.Required");
        }

        errors.ThrowIfAny();
        var round = new InspectionRound
        {
            Kind = kind!.Value,
            Date = date,
            TeamLead = request.TeamLead!.Trim(),
            Units = unitIds.Select(u => new InspectionRoundUnit { UnitId = u }).ToList(),
        };
        write.Plan.Rounds.Add(round);
        await write.RecordAsync(audit, actor, "oversight.inspection-round.added", null,
            new { Kind = round.Kind.ToString(), Date = date.ToString("O", CultureInfo.InvariantCulture), round.TeamLead, Units = request.UnitCodes },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, write.Plan, clock, text, cancellationToken));
    }
}
