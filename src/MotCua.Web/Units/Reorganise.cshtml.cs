using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary>The reorganisation of one unit: fill in the successors and rules, preview what moves, then apply that preview.</summary>
[RequiresRecentAuthentication]
internal sealed class ReorganiseModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, DossierCommit commit, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Blank rule rows offered on the form.</summary>
    public const int RuleRows = 6;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public DateOnly? EffectiveDate { get; set; }
    [BindProperty] public string? DefaultSuccessorCode { get; set; }
    [BindProperty] public List<ReorganisationRequest.Rule> Rules { get; set; } = [];
    [BindProperty] public string? PreviewToken { get; set; }
    public ReorganisationPlan? Plan { get; private set; }
    public bool Applied { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => await GetUnit.LoadAsync(Code, db, actor, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await PageActions.RunAsync(async () => Plan = (await ReorganiseUnit.Preview(Code, ToRequest(null), db, actor, clock, localizer, HttpContext.RequestAborted)).Value,
            Errors, localizer);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        Applied = await PageActions.RunAsync(async () => Plan = (await ReorganiseUnit.Apply(Code, ToRequest(PreviewToken), db, actor, audit, commit, clock, localizer,
            HttpContext.RequestAborted)).Value, Errors, localizer) is null;
        return Page();
    }

    private ReorganisationRequest ToRequest(string? token) =>
        new(EffectiveDate, DefaultSuccessorCode, [.. Rules.Where(r => r.DomainCode is not null || r.ProcedureCode is not null || r.SuccessorCode is not null)], token);
}
