using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>POST /api/v1/catalog/procedures</c>: a new procedure under its national code, with a first draft.
/// It belongs to the administrator's own unit (the highest one it administers).</summary>
internal static partial class CreateProcedure
{
    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z.\-]{2,59}$")]
    public static partial Regex CodePattern();

    public static async Task<Created<GetCatalogProcedure.Response>> Handle(ProcedureData request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        if (errors.Required("code", request.Code, 60) && !CodePattern().IsMatch(request.Code!.Trim()))
        {
            errors.Add("code", "Catalog.BadCode");
        }

        var domains = await db.Domains.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        var content = ProcedureContent.Parse(request, "", errors, domains.Keys.ToHashSet(StringComparer.Ordinal));
        errors.ThrowIfAny();
        var code = request.Code!.Trim();
        if (await db.Procedures.AnyAsync(p => p.Code == code, cancellationToken))
        {
            errors.Add("code", "Catalog.DuplicateCode", code).ThrowIfAny();
        }

        var ownerCode = actor.Roles.Where(r => r.Role is StaffRole.UnitAdmin or StaffRole.SystemAdmin).OrderBy(r => r.UnitPath.Length).First().UnitCode;
        var owner = await db.Units.FirstAsync(u => u.Code == ownerCode, cancellationToken);
        var procedure = new Procedure { Code = code, OwnerUnitId = owner.Id, OwnerUnit = owner };
        procedure.StartDraft().Edit(content!, domains[content!.DomainCode], code);
        db.Procedures.Add(procedure);
        await audit.RecordAsync(actor.ActingOn(owner.Path, StaffRole.UnitAdmin), "procedure.created", "Procedure", code, null,
            CatalogQueries.Snapshot(procedure.Versions[0]), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/catalog/procedures/{code}", await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }
}
