using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>The back office's reform index ranking of the actor's province: provisional while the year is scored, final once closed.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ParIndexRankingModel(ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, IStringLocalizer<ParIndexResource> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "doiTuong")] public string? Subject { get; set; }
    public ParRankingView? View { get; private set; }

    public async Task OnGetAsync()
    {
        var province = actor.Roles.FirstOrDefault()?.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var (framework, years) = await ParIndexPages.FindAsync(db, cards, province, Year, publishedOnly: false, HttpContext.RequestAborted);
        if (framework is null)
        {
            return;
        }

        await RankParIndex.AuthorizeAsync(db, actor, framework, HttpContext.RequestAborted);
        var results = await RankParIndex.RankAsync(cards, db, framework, RankParIndex.Subject(framework, Subject, text), HttpContext.RequestAborted);
        (Year, Subject) = (framework.Year, results.Subject);
        View = new ParRankingView(framework, results, $"/backoffice/giam-sat/chi-so-cchc/{framework.Id}/", years);
    }
}
