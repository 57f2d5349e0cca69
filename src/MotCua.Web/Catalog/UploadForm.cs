using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>POST /api/v1/catalog/procedures/{code}/versions/{number}/components/{order}/form</c> (multipart):
/// attaches a form template to a draft's component. Only document types a citizen can open are taken.</summary>
internal static class UploadForm
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".txt"] = "text/plain; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
    };

    /// <summary>The media types a form template may have, without their parameters.</summary>
    public static string[] MediaTypes => [.. ContentTypes.Values.Select(t => t.Split(';')[0]).Distinct(StringComparer.Ordinal)];

    public static async Task<Ok<GetCatalogProcedure.Response>> Handle(string code, int number, int order, IFormFile? file, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var procedure = await CatalogQueries.LoadAsync(db, code, cancellationToken);
        CatalogQueries.RequireOwner(actor, procedure);
        var form = await ReadAsync(file, clock, localizer, cancellationToken);
        CatalogQueries.Version(procedure, number).AttachForm(order, form);
        await audit.RecordAsync(actor.ActingOn(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin), "procedure.form-attached", "Procedure", code, null,
            new { number, order, form.FileName, form.Content.Length }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetCatalogProcedure.LoadAsync(db, code, cancellationToken));
    }

    public static async Task<FormTemplate> ReadAsync(IFormFile? file, TimeProvider clock, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var name = Path.GetFileName(file?.FileName ?? "");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "Validation.Required").ThrowIfAny();
        }
        else if (file.Length > MaxBytes)
        {
            throw new ProblemException(413, "payload-too-large", "Problem.PayloadTooLarge");
        }
        else if (!ContentTypes.TryGetValue(Path.GetExtension(name), out _) || name.Length > 200)
        {
            errors.Add("file", "Catalog.BadFileType", string.Join(", ", ContentTypes.Keys)).ThrowIfAny();
        }

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, cancellationToken);
        return new FormTemplate
        {
            FileName = name,
            ContentType = ContentTypes[Path.GetExtension(name)],
            Content = buffer.ToArray(),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.GetValueOrDefault(Path.GetExtension(fileName)) ?? "application/octet-stream";
}
