using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>Starts a procedure under its national code; the draft is then completed on the edit page.</summary>
[Authorize(Policy = Policies.UnitAdmin)]
[RequiresRecentAuthentication]
internal sealed class NewModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? DomainCode { get; set; }
    public List<SaveDomain.Item> Domains { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync() => Domains = (await SaveDomain.List(db, HttpContext.RequestAborted)).Value!;

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var data = new ProcedureData(Code, Name, Level, new DomainData(DomainCode, null), null, null, null, null, null, null, null, null, null, null, null, null);
            await CreateProcedure.Handle(data, db, actor, audit, localizer, HttpContext.RequestAborted);
            return Redirect($"/backoffice/catalog/{Uri.EscapeDataString(Code!.Trim())}/versions/1");
        }
        catch (ProblemException problem)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? localizer["Catalog.Refused"]] };
        }

        await OnGetAsync();
        return Page();
    }
}
