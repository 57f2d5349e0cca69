using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>PUT /api/v1/catalog/procedures/{code}/versions/{number}</c>: edits a draft. A published,
/// superseded or abolished version answers 409: it is never edited in place.</summary>
internal static class SaveDraft
{
    public static async Task<Ok<GetCatalogProcedure.Response>> Handle(string code, int number, ProcedureData request, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        var version = CatalogQueries.Version(procedure, number);
        if (version.Status != VersionStatus.Draft)
        {
            throw ProblemException.Conflict("published-version-immutable", "Problem.Conflict");
        }

        var errors = new FieldErrors(localizer);
        var domains = await db.Domains.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        var content = ProcedureContent.Parse(request, "", errors, domains.Keys.ToHashSet(StringComparer.Ordinal));
        errors.ThrowIfAny();
        var before = CatalogQueries.Snapshot(version);
        version.Edit(content!, domains[content!.DomainCode], code);
        await audit.RecordAsync(actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), "procedure.draft-saved", "Procedure", code, before,
            CatalogQueries.Snapshot(version), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }
}
