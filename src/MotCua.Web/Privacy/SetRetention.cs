using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Privacy;

/// <summary>
/// <c>PUT /api/v1/catalog/procedures/{code}/retention</c>: how many years the procedure's closed dossiers keep the people's
/// data (null: the default). Catalog data, set by the administrator of the unit that owns the procedure; recorded in its history.
/// </summary>
internal static class SetRetention
{
    public sealed record Request(int? Years, string? Basis);

    public sealed record Response(string Code, int? Years, int EffectiveYears);

    public static async Task<Ok<Response>> Handle(string code, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, PrivacyOptions options,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        if (request.Years is < 1 or > PrivacyOptions.MaxRetentionYears)
        {
            errors.Add("years", "Privacy.BadRetention", PrivacyOptions.MaxRetentionYears);
        }

        errors.MaxLength("basis", request.Basis, 500);
        errors.ThrowIfAny();

        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        var before = procedure.RetentionYears;
        procedure.SetRetention(request.Years);
        await audit.RecordAsync(actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), "procedure.retention-set", "Procedure", code,
            new { RetentionYears = before }, new { RetentionYears = request.Years, Basis = request.Basis?.Trim() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(code, request.Years, request.Years ?? options.DefaultRetentionYears));
    }
}
