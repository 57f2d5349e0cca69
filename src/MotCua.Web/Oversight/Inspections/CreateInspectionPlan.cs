using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>POST /api/v1/oversight/inspections</c>: a supervisor of a parent unit (province or district) issues its yearly inspection plan, naming the
/// units directly under it, existing during that year, that are to be inspected. One plan per parent and year: a second one answers 409 (unique
/// index).
/// </summary>
internal static class CreateInspectionPlan
{
    public sealed record CreateInspectionPlanRequest(string? ParentUnitCode, int? Year, IReadOnlyList<string>? UnitCodes);

    public static async Task<Ok<GetInspectionPlan.InspectionPlanResponse>> Handle(CreateInspectionPlanRequest request, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, TimeProvider clock, IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("parentUnitCode", request.ParentUnitCode, 40);
        var thisYear = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).Year;
        if (request.Year is not { } year || year < 2000 || year > thisYear + 1)
        {
            errors.Add("year", "Period.BadYear", thisYear + 1);
        }

        var codes = (request.UnitCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (codes.Count == 0)
        {
            errors.Add("unitCodes", "Validation.Required");
        }

        errors.ThrowIfAny();
        var parent = await db.Units.AsNoTracking().Where(u => u.Code == request.ParentUnitCode!.Trim()).Select(u => new { u.Id, u.Code, u.Path })
            .SingleOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(parent.Path, StaffRole.Supervisor))
        {
            throw ProblemException.Forbidden();
        }

        var units = await InScope(db, parent.Id, request.Year!.Value).Where(u => codes.Contains(u.Code)).Select(u => new { u.Id, u.Code })
            .ToListAsync(cancellationToken);
        if (units.Count != codes.Count)
        {
            errors.Add("unitCodes", "Inspections.NotUnderParent", string.Join(", ", codes.Except(units.Select(u => u.Code))));
            errors.ThrowIfAny();
        }

        var plan = new InspectionPlan
        {
            ParentUnitId = parent.Id,
            Year = request.Year!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Units = units.Select(u => new InspectionPlanUnit { UnitId = u.Id }).ToList(),
        };
        db.InspectionPlans.Add(plan);
        await audit.RecordAsync(actor.ActingOn(parent.Path, StaffRole.Supervisor), "oversight.inspection-plan.created", nameof(InspectionPlan),
            $"{parent.Code}:{plan.Year}", null, new { Parent = parent.Code, plan.Year, Units = units.Select(u => u.Code).Order(StringComparer.Ordinal) },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetInspectionPlan.ViewAsync(db, actor, plan, clock, text, cancellationToken));
    }

    /// <summary>The units directly under a parent that existed at some time during the year: those a plan of that year may name.</summary>
    public static IQueryable<Units.AdministrativeUnit> InScope(MotCuaDbContext db, int parentId, int year) =>
        db.Units.AsNoTracking().Where(u => u.ParentId == parentId && u.ValidFrom <= new DateOnly(year, 12, 31)
            && (u.ValidTo == null || u.ValidTo >= new DateOnly(year, 1, 1)));
}
