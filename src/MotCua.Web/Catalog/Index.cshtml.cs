using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>The catalog in the back office: every procedure with its newest version, import and export.</summary>
[RequestSizeLimit(ImportProcedures.MaxBytes)]
[RequiresRecentAuthentication]
internal sealed class IndexModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? PublishFrom { get; set; }
    public ListCatalog.Response Result { get; private set; } = new(0, 1, []);
    public int? Imported { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync() =>
        Result = await ListCatalog.QueryAsync(db, Q, Math.Clamp(PageNumber, 1, 10_000), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostImportAsync()
    {
        try
        {
            var from = ImportProcedures.ParseDate(PublishFrom, localizer);
            var rows = await ImportProcedures.ReadAsync(Request, HttpContext.RequestAborted);
            var owner = await ImportProcedures.OwnerAsync(db, actor, HttpContext.RequestAborted);
            Imported = await ImportProcedures.ImportAsync(rows, db, actor.ActingOn(owner.Path, StaffRole.UnitAdmin), owner, from, audit, clock, localizer, null, HttpContext.RequestAborted);
        }
        catch (ProblemException problem)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? problem.Code] };
        }
        catch (System.Text.Json.JsonException)
        {
            Errors = new Dictionary<string, string[]> { ["—"] = [localizer["Catalog.MalformedFile"]] };
        }

        await OnGetAsync();
        return Page();
    }
}
