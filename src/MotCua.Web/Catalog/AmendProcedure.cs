using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Catalog;

/// <summary><c>POST /api/v1/catalog/procedures/{code}/amend</c>: a new draft copied from the published version,
/// which stays in force until the draft is published.</summary>
internal static class AmendProcedure
{
    public static async Task<Ok<GetCatalogProcedure.Response>> Handle(string code, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        var draft = procedure.Amend();
        await audit.RecordAsync(actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), "procedure.amended", "Procedure", code, null,
            CatalogQueries.Snapshot(draft), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }
}
