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
/// unannounced (đột xuất), its date within the plan's year, its team lead, the plan's units it covers and its checklist (nội dung kiểm
/// tra, one item a line; findings then name one of them).
/// </summary>
internal static class AddInspectionRound
{
    /// <param name="Kind"><c>Scheduled</c> or <c>Unannounced</c>.</param>
    /// <param name="Date">yyyy-MM-dd, within the plan's year.</param>
    /// <param name="Checklist">The items to check at each unit, in order; blank and repeated items are dropped.</param>
    public sealed record AddInspectionRoundRequest(int? Version, string? Kind, string? Date, string? TeamLead, IReadOnlyList<string>? UnitCodes,
        IReadOnlyList<string>? Checklist = null);

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

        var checklist = (request.Checklist ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().ToList();
        foreach (var item in checklist)
        {
            errors.MaxLength("checklist", item, 500);
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
            Checklist = checklist.Select((text, position) => new InspectionChecklistItem { Position = position, Text = text }).ToList(),
        };
        write.Plan.Rounds.Add(round);
        await write.RecordAsync(audit, actor, "oversight.inspection-round.added", null,
            new { Kind = round.Kind.ToString(), Date = date.ToString("O", CultureInfo.InvariantCulture), round.TeamLead, Units = request.UnitCodes, Checklist = checklist },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, write.Plan, clock, text, cancellationToken));
    }
}
