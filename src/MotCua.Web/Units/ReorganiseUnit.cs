using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;

namespace MotCua.Web.Units;

/// <summary>
/// <c>POST /api/v1/units/{code}/reorganisation/preview</c> and <c>POST /api/v1/units/{code}/reorganisation</c>: a unit
/// and its open subtree end the day before the effective date (e.g. the districts on 1/7/2025, Resolution 76/2025/UBTVQH15
/// and Decree 118/2025), and in one audited operation its successors take over, by the rule of <see cref="Succession"/>:
/// open dossiers (history entry, same due dates), staff roles (to the default successor), procedure providers and internal
/// processes. The preview returns exactly what apply does and a token; an apply whose token no longer matches the data is
/// refused with 409, and of two applies at once one wins.
/// </summary>
internal static class ReorganiseUnit
{
    public static async Task<Ok<ReorganisationPlan>> Preview(string code, ReorganisationRequest request, MotCuaDbContext db, CurrentActor actor,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var parties = await Reorganisation.ResolveAsync(code, request, db, actor, Today(clock), localizer, cancellationToken);
        return TypedResults.Ok(await Reorganisation.PlanAsync(parties, request.EffectiveDate!.Value, db, cancellationToken));
    }

    public static async Task<Ok<ReorganisationPlan>> Apply(string code, ReorganisationRequest request, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, DossierCommit commit, TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("previewToken", request.PreviewToken, 64);
        errors.ThrowIfAny();
        var parties = await Reorganisation.ResolveAsync(code, request, db, actor, Today(clock), localizer, cancellationToken);
        var unit = parties.Unit;
        var effective = request.EffectiveDate!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claim the unit first: a concurrent apply waits here, then finds it claimed and loses.
        var claimed = await db.Units.Where(u => u.Id == unit.Id && u.Version == unit.Version && u.ValidTo == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Version, u => u.Version + 1), cancellationToken);
        var plan = claimed == 1 ? await Reorganisation.PlanAsync(parties, effective, db, cancellationToken) : null;
        if (plan is null || plan.Token != request.PreviewToken)
        {
            throw ProblemException.Conflict("stale-preview", "Units.StalePreview");
        }

        await db.Entry(unit).ReloadAsync(cancellationToken);
        var who = actor.ActingOn(unit.Path, StaffRole.UnitAdmin);
        await CloseUnitsAsync(parties, plan, effective, db, audit, who, cancellationToken);
        var successors = parties.Successors.Values.ToDictionary(s => s.Code, StringComparer.Ordinal);
        await MoveRolesAsync(unit, plan, db, audit, who, cancellationToken);
        await CarryOnProceduresAsync(unit, plan, successors, db, audit, who, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await HandOverDossiersAsync(unit, plan, successors, effective, db, commit, who, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(plan);
    }

    private static async Task CloseUnitsAsync(Reorganisation.Parties parties, ReorganisationPlan plan, DateOnly effective, MotCuaDbContext db,
        AuditTrail audit, Actor who, CancellationToken cancellationToken)
    {
        var unit = parties.Unit;
        var before = SaveUnit.ToDto(unit);
        unit.MergeInto(parties.DefaultSuccessor, effective);
        db.SuccessionRules.AddRange(parties.Rules.Select(r => new SuccessionRule
        {
            PredecessorId = unit.Id,
            SuccessorId = r.Successor.Id,
            DomainCode = r.Row.DomainCode,
            ProcedureCode = r.Row.ProcedureCode,
        }));
        await audit.RecordAsync(who, "unit.reorganised", "Unit", unit.Code, before,
            new { Unit = SaveUnit.ToDto(unit), plan.Rules, plan.Counts, plan.ClosedUnits }, cancellationToken);
        foreach (var successor in parties.Successors.Values)
        {
            await audit.RecordAsync(who, "unit.absorbed", "Unit", successor.Code, null, new { Predecessor = unit.Code, EffectiveDate = effective }, cancellationToken);
        }

        var offices = await db.Units.Where(u => plan.ClosedUnits.Contains(u.Code) && u.Id != unit.Id).ToListAsync(cancellationToken);
        foreach (var office in offices)
        {
            office.Close(effective.AddDays(-1));
            office.Touch();
            await audit.RecordAsync(who, "unit.closed", "Unit", office.Code, null, new { ValidTo = office.ValidTo, With = unit.Code }, cancellationToken);
        }
    }

    private static async Task MoveRolesAsync(AdministrativeUnit unit, ReorganisationPlan plan, MotCuaDbContext db, AuditTrail audit, Actor who, CancellationToken cancellationToken)
    {
        var target = unit.Successor!;
        var planned = plan.Roles.Select(r => (r.UserName, r.Role, r.From)).ToHashSet();
        var roles = (await db.Set<RoleAssignment>().Include(r => r.Unit).Where(r => r.Unit!.Path.StartsWith(unit.Path))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { Assignment = r, u.UserName }).ToListAsync(cancellationToken))
            .Where(r => planned.Contains((r.UserName ?? "", r.Assignment.Role, r.Assignment.Unit!.Code))).Select(r => r.Assignment).ToList();
        var held = (await db.Set<RoleAssignment>().Where(r => r.UnitId == target.Id).Select(r => new { r.UserId, r.Role }).ToListAsync(cancellationToken))
            .Select(r => (r.UserId, r.Role)).ToHashSet();
        foreach (var role in roles)
        {
            db.Remove(role);
            if (held.Add((role.UserId, role.Role)))
            {
                db.Add(new RoleAssignment { UserId = role.UserId, Role = role.Role, UnitId = target.Id });
            }

            await audit.RecordAsync(who, "account.role-handed-over", "Account", role.UserId.ToString(),
                new { Role = role.Role.ToString(), Unit = role.Unit!.Code }, new { Role = role.Role.ToString(), Unit = target.Code }, cancellationToken);
        }
    }

    private static async Task CarryOnProceduresAsync(AdministrativeUnit unit, ReorganisationPlan plan, Dictionary<string, AdministrativeUnit> successors,
        MotCuaDbContext db, AuditTrail audit, Actor who, CancellationToken cancellationToken)
    {
        var codes = plan.Providers.Concat(plan.Processes).Select(m => m.ProcedureCode).Distinct().ToList();
        var procedures = await db.Procedures.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var move in plan.Providers.Where(m => !m.AlreadyThere))
        {
            db.ProcedureProviders.Add(new ProcedureProvider { ProcedureId = procedures[move.ProcedureCode], UnitId = successors[move.To].Id });
            await audit.RecordAsync(who, "procedure.handed-over", "Procedure", move.ProcedureCode, new { Unit = move.From }, new { Unit = move.To }, cancellationToken);
        }

        // The predecessor's own providers and processes stay, closed with it, as the record of who did what before.
        var definitions = await db.ProcessDefinitions.Include(p => p.Steps).ThenInclude(s => s.OfficeUnit).Include(p => p.Unit).Include(p => p.Procedure)
            .Where(p => p.Unit!.Path.StartsWith(unit.Path)).ToListAsync(cancellationToken);
        foreach (var move in plan.Processes.Where(m => !m.AlreadyThere))
        {
            var source = definitions.Single(d => d.Procedure!.Code == move.ProcedureCode && d.Unit!.Code == move.From);
            var copy = new ProcessDefinition { ProcedureId = source.ProcedureId, UnitId = successors[move.To].Id };
            // A step done by an office of the abolished unit falls to the successor itself until its administrator names an office.
            copy.Replace(source.Steps.OrderBy(s => s.Order).Select(s => new ProcessStep
            {
                Order = s.Order,
                Name = s.Name,
                OfficeUnitId = s.OfficeUnit is { } office && !office.Path.StartsWith(unit.Path, StringComparison.Ordinal) ? office.Id : null,
                Role = s.Role,
                Hours = s.Hours,
                InterAgency = s.InterAgency,
                Agency = s.Agency,
            }));
            db.ProcessDefinitions.Add(copy);
            await audit.RecordAsync(who, "process.handed-over", "Process", move.ProcedureCode + "@" + move.To, null,
                new { From = move.From, Steps = copy.Steps.Count }, cancellationToken);
        }
    }

    private static async Task HandOverDossiersAsync(AdministrativeUnit unit, ReorganisationPlan plan, Dictionary<string, AdministrativeUnit> successors,
        DateOnly effective, MotCuaDbContext db, DossierCommit commit, Actor who, CancellationToken cancellationToken)
    {
        var staffGoTo = unit.Successor!.Code;
        foreach (var move in plan.Dossiers)
        {
            var dossier = Guid.TryParse(move.Code, out var id)
                ? await db.Dossiers.FirstAsync(d => d.Id == id, cancellationToken)
                : await db.Dossiers.FirstAsync(d => d.Code == move.Code, cancellationToken);
            var (fromHandling, fromReceiving) = (dossier.HandlingUnitId, dossier.ReceivingUnitPath);
            var handling = Place(successors, move.ToHandling, dossier.HandlingUnitId, dossier.HandlingUnitPath);
            var receiving = Place(successors, move.ToReceiving, dossier.ReceivingUnitId, dossier.ReceivingUnitPath);
            if (dossier.HandOver(receiving, handling, keepAssignee: move.ToHandling == staffGoTo) is { } broken)
            {
                throw ProblemException.Conflict(broken.Code, "Units.StalePreview");
            }

            db.AddRange(await HandOverFacts.RowsAsync(db, dossier, fromHandling, effective, cancellationToken));
            await commit.SaveAsync(dossier, new DossierEvent(who, "dossier.handed-over",
                new { HandlingUnit = move.FromHandling, ReceivingUnit = UnitPath.Code(fromReceiving) },
                new { HandlingUnit = move.ToHandling, ReceivingUnit = move.ToReceiving, Reorganisation = unit.Code, EffectiveDate = effective }), cancellationToken);
        }
    }

    private static UnitPlace Place(Dictionary<string, AdministrativeUnit> successors, string code, int currentId, string currentPath) =>
        successors.TryGetValue(code, out var successor) ? new UnitPlace(successor.Id, successor.Path) : new UnitPlace(currentId, currentPath);

    private static DateOnly Today(TimeProvider clock) => DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
}
