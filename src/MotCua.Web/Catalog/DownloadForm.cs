using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/procedures/{code}/forms/{id}</c>: a form template of an issued version, as an
/// attachment (never rendered in the page, whatever its type).</summary>
internal static class DownloadForm
{
    [PublicCache]
    public static async Task<FileContentHttpResult> Handle(string code, int id, MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var issued = await db.ProcedureVersions.AsNoTracking()
            .AnyAsync(v => v.Procedure!.Code == code && v.Status != VersionStatus.Draft && v.Components.Any(c => c.FormTemplateId == id), cancellationToken);
        var form = issued
            ? await db.FormTemplates.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.FileName, f.ContentType, f.Content }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (form is null)
        {
            throw ProblemException.NotFound();
        }

        return TypedResults.File(form.Content, form.ContentType, form.FileName);
    }
}
