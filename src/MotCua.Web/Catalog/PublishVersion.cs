using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>
/// <c>POST /api/v1/catalog/procedures/{code}/versions/{number}/publish</c> with the date it takes effect. The
/// validator needs a processing time, a component, and every unit's internal process within the shortest
/// time; the previous version then ends the day before. Dossiers pinned to it keep it.
/// </summary>
internal static class PublishVersion
{
    public sealed record Request(DateOnly? ValidFrom);

    public static async Task<Ok<GetCatalogProcedure.Response>> Handle(string code, int number, Request request, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        await PublishAsync(procedure, number, request.ValidFrom, db, actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), audit, clock, localizer, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }

    public static async Task PublishAsync(Procedure procedure, int number, DateOnly? validFrom, MotCuaDbContext db, Actor actor, AuditTrail audit,
        TimeProvider clock, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var version = CatalogQueries.Version(procedure, number);
        var errors = new FieldErrors(localizer);
        if (validFrom is null)
        {
            errors.Add("validFrom", "Validation.Required").ThrowIfAny();
        }

        var processes = procedure.Id == 0
            ? []
            : await db.ProcessDefinitions.Include(p => p.Steps).Include(p => p.Unit).Where(p => p.ProcedureId == procedure.Id).ToListAsync(cancellationToken);
        foreach (var (field, key) in version.PublishProblems(processes))
        {
            errors.Add(field, key);
        }

        errors.ThrowIfAny();
        var previous = procedure.LatestIssued;
        var before = previous is null ? null : CatalogQueries.Snapshot(previous);
        procedure.Publish(version, validFrom!.Value, clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(actor, "procedure.published", "Procedure", procedure.Code, before, CatalogQueries.Snapshot(version), cancellationToken);
    }
}
