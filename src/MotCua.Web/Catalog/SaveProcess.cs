using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>
/// <c>GET|PUT /api/v1/catalog/procedures/{code}/processes/{unitCode}</c>: the internal process of a procedure in
/// one unit. Only an administrator of that unit (or above) may change it: another commune gets 403. The steps
/// must fit in the shortest processing time of the version in force.
/// </summary>
internal static class SaveProcess
{
    public sealed record StepData(string? Name, string? OfficeCode, string? Role, decimal? Hours, bool? InterAgency, string? Agency);

    public sealed record Request(IReadOnlyList<StepData>? Steps, int? Version);

    public sealed record Step(int Order, string Name, string? OfficeCode, string? OfficeName, StaffRole Role, decimal Hours, bool InterAgency, string? Agency);

    public sealed record Response(string ProcedureCode, string UnitCode, string UnitName, int Version, decimal TotalHours, decimal? BudgetHours, IReadOnlyList<Step> Steps);

    public static async Task<Ok<Response>> Get(string code, string unitCode, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        if (unit is null || !actor.Covers(unit.Path))
        {
            throw ProblemException.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, code, unitCode, clock, cancellationToken));
    }

    public static async Task<Ok<Response>> Put(string code, string unitCode, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Code == code, cancellationToken) ?? throw ProblemException.NotFound();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken) ?? throw ProblemException.NotFound();
        if (!actor.Covers(unit.Path, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }

        var errors = new FieldErrors(localizer);
        var offices = await db.Units.Where(u => u.Path.StartsWith(unit.Path)).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var steps = new List<ProcessStep>();
        foreach (var (s, i) in (request.Steps ?? []).Select((s, i) => (s, i)))
        {
            var field = $"steps[{i}].";
            var ok = errors.Required(field + "name", s.Name, 400);
            Units.AdministrativeUnit? office = null;
            if (!string.IsNullOrWhiteSpace(s.OfficeCode) && !offices.TryGetValue(s.OfficeCode.Trim(), out office))
            {
                errors.Add(field + "officeCode", "Catalog.OfficeOutsideUnit", s.OfficeCode);
                ok = false;
            }

            if (!Enum.TryParse<StaffRole>(s.Role, true, out var role) || !Enum.IsDefined(role) || char.IsDigit(s.Role![0]))
            {
                errors.Add(field + "role", "Catalog.BadValue", s.Role ?? "", string.Join(", ", Enum.GetNames<StaffRole>()));
                ok = false;
            }

            if (s.Hours is not > 0 || s.Hours > 10_000)
            {
                errors.Add(field + "hours", "Catalog.BadAmount");
                ok = false;
            }

            if (s.InterAgency == true && string.IsNullOrWhiteSpace(s.Agency))
            {
                errors.Add(field + "agency", "Validation.Required");
                ok = false;
            }

            ok &= errors.MaxLength(field + "agency", s.Agency, 400);
            if (ok)
            {
                steps.Add(new ProcessStep
                {
                    Order = i + 1,
                    Name = s.Name!.Trim(),
                    OfficeUnit = office,
                    OfficeUnitId = office?.Id,
                    Role = role,
                    Hours = s.Hours!.Value,
                    InterAgency = s.InterAgency ?? false,
                    Agency = string.IsNullOrWhiteSpace(s.Agency) ? null : s.Agency.Trim(),
                });
            }
        }

        var budget = await BudgetAsync(db, procedure.Id, clock, cancellationToken);
        if (errors.IsEmpty && budget is { } limit && steps.Sum(s => s.Hours) > limit)
        {
            errors.Add("steps", "Catalog.ProcessTooLong");
        }

        errors.ThrowIfAny();
        var definition = await db.ProcessDefinitions.Include(p => p.Steps)
            .FirstOrDefaultAsync(p => p.ProcedureId == procedure.Id && p.UnitId == unit.Id, cancellationToken);
        if (definition is null)
        {
            definition = new ProcessDefinition { ProcedureId = procedure.Id, UnitId = unit.Id };
            db.ProcessDefinitions.Add(definition);
        }
        else if (request.Version is { } version && version != definition.Version)
        {
            throw ProblemException.Conflict("stale-version", "Problem.ConcurrentChange");
        }

        var before = definition.Steps.Count == 0 ? null : new { Steps = definition.Steps.Count, definition.TotalHours };
        definition.Replace(steps);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "process.saved", "Process", code + "@" + unitCode, before,
            new { Steps = steps.Select(s => new { s.Name, Office = s.OfficeUnit?.Code, Role = s.Role.ToString(), s.Hours, s.InterAgency, s.Agency }) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await LoadAsync(db, code, unitCode, clock, cancellationToken));
    }

    /// <summary>The shortest processing time of the version in force (or of the draft, before any publication).</summary>
    public static async Task<decimal?> BudgetAsync(MotCuaDbContext db, int procedureId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = CatalogQueries.Today(clock);
        var times = await CatalogQueries.ValidOn(db.ProcedureVersions, today).Where(v => v.ProcedureId == procedureId)
            .SelectMany(v => v.Times).Select(t => new { t.Amount, t.Unit }).ToListAsync(cancellationToken);
        if (times.Count == 0)
        {
            times = await db.ProcedureVersions.Where(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Draft)
                .SelectMany(v => v.Times).Select(t => new { t.Amount, t.Unit }).ToListAsync(cancellationToken);
        }

        return times.Count == 0 ? null : times.Min(t => ProcessingTime.ToWorkingHours(t.Amount, t.Unit));
    }

    public static async Task<Response> LoadAsync(MotCuaDbContext db, string code, string unitCode, TimeProvider clock, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken) ?? throw ProblemException.NotFound();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken) ?? throw ProblemException.NotFound();
        var definition = await db.ProcessDefinitions.AsNoTracking()
            .Where(p => p.ProcedureId == procedure.Id && p.UnitId == unit.Id)
            .Select(p => new
            {
                p.Version,
                Steps = p.Steps.OrderBy(s => s.Order)
                    .Select(s => new Step(s.Order, s.Name, s.OfficeUnit == null ? null : s.OfficeUnit.Code, s.OfficeUnit == null ? null : s.OfficeUnit.Name, s.Role, s.Hours, s.InterAgency, s.Agency))
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var steps = definition?.Steps ?? [];
        return new Response(code, unit.Code, unit.Name, definition?.Version ?? 0, steps.Sum(s => s.Hours), await BudgetAsync(db, procedure.Id, clock, cancellationToken), steps);
    }
}
