using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>POST /api/v1/catalog/procedures/{code}/abolish</c>: the published version ends the day before
/// <c>effectiveDate</c> (bãi bỏ). Dossiers already received keep it.</summary>
internal static class AbolishProcedure
{
    public sealed record Request(DateOnly? EffectiveDate);

    public static async Task<Ok<GetCatalogProcedure.Response>> Handle(string code, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        if (request.EffectiveDate is null)
        {
            new FieldErrors(localizer).Add("effectiveDate", "Validation.Required").ThrowIfAny();
        }

        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        procedure.Abolish(request.EffectiveDate!.Value);
        await audit.RecordAsync(actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), "procedure.abolished", "Procedure", code, null,
            CatalogQueries.Snapshot(procedure.LatestIssued!), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }
}
