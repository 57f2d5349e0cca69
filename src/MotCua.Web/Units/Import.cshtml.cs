using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary>Upload a CSV or JSON file of units; the whole file is refused with a per-row report if any row is bad.</summary>
[Authorize(Policy = Policies.UnitAdmin)]
[RequestSizeLimit(ImportUnits.MaxBytes)]
[RequiresRecentAuthentication]
internal sealed class ImportModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public int? Imported { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var rows = await ImportUnits.ReadAsync(Request, HttpContext.RequestAborted);
            Imported = await ImportUnits.ImportAsync(rows, db, actor.Self, p => SaveUnit.RequireAdmin(actor, p.Path, p.IsRoot), audit, localizer, HttpContext.RequestAborted);
        }
        catch (ProblemException problem)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [localizer[problem.TitleKey]] };
        }
        catch (System.Text.Json.JsonException)
        {
            Errors = new Dictionary<string, string[]> { ["—"] = [localizer["Problem.MalformedRequest"]] };
        }

        return Page();
    }
}
