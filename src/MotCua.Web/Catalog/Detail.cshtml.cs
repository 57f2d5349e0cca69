using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>One procedure in the back office: its versions (history), publish, amend, abolish, the units that
/// provide it and their internal processes.</summary>
[RequiresRecentAuthentication]
internal sealed class DetailModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    public GetCatalogProcedure.Response Procedure { get; private set; } = null!;
    public List<(string Code, string Name)> AdministeredUnits { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? UnitCode { get; set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Procedure = await GetCatalogProcedure.LoadAsync(db, code, HttpContext.RequestAborted);
        var owner = await db.Units.AsNoTracking().Where(u => u.Code == Procedure.OwnerUnitCode).Select(u => u.Path).FirstAsync(HttpContext.RequestAborted);
        CanEdit = actor.Covers(owner, StaffRole.UnitAdmin);
        var units = await db.Units.AsNoTracking().Where(u => u.ValidTo == null || u.ValidTo >= CatalogQueries.Today(clock))
            .Where(u => u.Kind == Units.UnitKind.Province || u.Kind == Units.UnitKind.District || u.Kind == Units.UnitKind.Commune)
            .OrderBy(u => u.Path).Select(u => new { u.Code, u.Name, u.Path }).ToListAsync(HttpContext.RequestAborted);
        AdministeredUnits = units.Where(u => actor.Covers(u.Path, StaffRole.UnitAdmin)).Select(u => (u.Code, u.Name)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(string code, int number) =>
        RunAsync(code, "Catalog.Published", () => PublishVersion.Handle(code, number, new PublishVersion.Request(Date), db, actor, audit, clock, localizer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAmendAsync(string code) =>
        RunAsync(code, "Catalog.Amended", () => AmendProcedure.Handle(code, db, actor, audit, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAbolishAsync(string code) =>
        RunAsync(code, "Catalog.Abolished", () => AbolishProcedure.Handle(code, new AbolishProcedure.Request(Date), db, actor, audit, localizer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostProvideAsync(string code) =>
        RunAsync(code, "Catalog.ProvidersSaved", () => SetProvider.Add(code, UnitCode ?? "", db, actor, audit, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync(string code) =>
        RunAsync(code, "Catalog.ProvidersSaved", () => SetProvider.Remove(code, UnitCode ?? "", db, actor, audit, HttpContext.RequestAborted));

    private async Task<IActionResult> RunAsync<T>(string code, string doneKey, Func<Task<T>> action)
    {
        try
        {
            await action();
            Done = localizer[doneKey];
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? localizer["Catalog.Refused"]] };
        }

        return await OnGetAsync(code);
    }
}
