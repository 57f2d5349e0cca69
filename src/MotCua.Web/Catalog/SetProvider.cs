using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary><c>PUT|DELETE /api/v1/catalog/procedures/{code}/providers/{unitCode}</c>: whether a unit provides the
/// procedure (its desk takes dossiers for it and its public listing shows it). The unit's administrators decide.</summary>
internal static class SetProvider
{
    public static async Task<NoContent> Add(string code, string unitCode, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (procedure, unit) = await FindAsync(code, unitCode, db, actor, cancellationToken);
        if (!await db.ProcedureProviders.AnyAsync(p => p.ProcedureId == procedure.Id && p.UnitId == unit.Id, cancellationToken))
        {
            db.ProcedureProviders.Add(new ProcedureProvider { ProcedureId = procedure.Id, UnitId = unit.Id });
            await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "procedure.provided", "Procedure", code, null, new { unit = unitCode }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Remove(string code, string unitCode, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (procedure, unit) = await FindAsync(code, unitCode, db, actor, cancellationToken);
        var row = await db.ProcedureProviders.FirstOrDefaultAsync(p => p.ProcedureId == procedure.Id && p.UnitId == unit.Id, cancellationToken);
        if (row is not null)
        {
            db.ProcedureProviders.Remove(row);
            await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "procedure.withdrawn", "Procedure", code, new { unit = unitCode }, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<(Procedure, AdministrativeUnit)> FindAsync(string code, string unitCode, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Code == code, cancellationToken) ?? throw ProblemException.NotFound();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken) ?? throw ProblemException.NotFound();
        if (!actor.Covers(unit.Path, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }

        return (procedure, unit);
    }
}
