using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>The back office's reform index ranking of the actor's province: provisional while the year is scored, final once closed. The
/// Department of Home Affairs finalises, then publishes, the year here, through the API's own handlers at the year's version.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ParIndexRankingModel(ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, RuleProblems problems,
    TimeProvider clock, IStringLocalizer<ParIndexResource> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "doiTuong")] public string? Subject { get; set; }
    [BindProperty] public int? Version { get; set; }
    public ParRankingView? View { get; private set; }

    /// <summary>Whether the actor may finalise and publish the year: a supervisor of the province, as the handlers ask.</summary>
    public bool CanClose { get; private set; }

    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostFinaliseAsync(int id) => RunAsync(() =>
        FinaliseParIndex.Finalise(id, new(Version), cards, db, actor, audit, problems, clock, text, Aborted), "Page.FinalisedDone");

    public Task<IActionResult> OnPostPublishAsync(int id) => RunAsync(() =>
        FinaliseParIndex.Publish(id, new(Version), cards, db, actor, audit, problems, clock, text, Aborted), "Page.PublishedDone");

    private CancellationToken Aborted => HttpContext.RequestAborted;

    private async Task<IActionResult> RunAsync(Func<Task<Results<Ok<FinaliseParIndex.ParCycleResponse>, RuleConflict>>> action, string done)
    {
        // A score changed while the year was being closed makes the closing lose (409).
        Results<Ok<FinaliseParIndex.ParCycleResponse>, RuleConflict>? result = null;
        switch (await PageActions.RunAsync(async () => result = await action(), Errors, shared))
        {
            case StatusCodes.Status403Forbidden:
                return Forbid();
            case StatusCodes.Status404NotFound:
                return NotFound();
            case null when result!.Result is RuleConflict refused:
                Errors.Add(refused.Value.Title ?? shared["Problem.Conflict"]);
                break;
            case null:
                Message = text[done, Year ?? 0];
                break;
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var province = actor.Roles.FirstOrDefault()?.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var (framework, years) = await ParIndexPages.FindAsync(db, cards, province, Year, publishedOnly: false, Aborted);
        if (framework is null)
        {
            return;
        }

        await RankParIndex.AuthorizeAsync(db, actor, framework, Aborted);
        var results = await RankParIndex.RankAsync(cards, db, framework, RankParIndex.Subject(framework, Subject, text), Aborted);
        (Year, Subject) = (framework.Year, results.Subject);
        View = new ParRankingView(framework, results, $"/backoffice/giam-sat/chi-so-cchc/{framework.Id}/", years);
        var path = await db.Units.AsNoTracking().Where(u => u.Code == framework.ProvinceCode).Select(u => u.Path).SingleAsync(Aborted);
        CanClose = framework.State != ParIndexState.Published && actor.Covers(path, StaffRole.Supervisor);
    }
}
