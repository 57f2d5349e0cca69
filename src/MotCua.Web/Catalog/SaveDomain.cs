using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/catalog/domains</c> lists the fields (lĩnh vực); <c>PUT /api/v1/catalog/domains/{code}</c>
/// creates or renames one (system administrators: the list is shared by the whole province).</summary>
internal static class SaveDomain
{
    public sealed record Request(string? Name);

    public sealed record Item(string Code, string Name);

    public static async Task<Ok<List<Item>>> List(MotCuaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Domains.AsNoTracking().OrderBy(d => d.Code).Select(d => new Item(d.Code, d.Name)).ToListAsync(cancellationToken));

    public static async Task<Ok<Item>> Put(string code, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("name", request.Name, 200);
        if (code.Length > 40)
        {
            errors.Add("code", "Validation.TooLong", 40);
        }

        errors.ThrowIfAny();
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        var before = domain is null ? null : new Item(domain.Code, domain.Name);
        if (domain is null)
        {
            domain = new Domain { Code = code, Name = request.Name!.Trim() };
            db.Domains.Add(domain);
        }
        else if (domain.Name != request.Name!.Trim())
        {
            domain.Name = request.Name.Trim();
            var versions = await db.ProcedureVersions.Include(v => v.Procedure).Where(v => v.DomainId == domain.Id).ToListAsync(cancellationToken);
            foreach (var version in versions)
            {
                version.RefreshSearch(version.Procedure!.Code);
            }
        }

        var after = new Item(domain.Code, domain.Name);
        await audit.RecordAsync(actor.Self, "domain.saved", "Domain", code, before, after, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }
}
