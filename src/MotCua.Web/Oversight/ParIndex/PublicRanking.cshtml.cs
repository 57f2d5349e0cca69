using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>The published reform index ranking, for everyone: only years the Department of Home Affairs has published.</summary>
[AllowAnonymous]
internal sealed class ParIndexPublicRankingModel(ParIndexCards cards, MotCuaDbContext db, IStringLocalizer<ParIndexResource> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tinh")] public string? Province { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "doiTuong")] public string? Subject { get; set; }
    public ParRankingView? View { get; private set; }

    public async Task OnGetAsync()
    {
        var (framework, years) = await ParIndexPages.FindAsync(db, cards, Province, Year, publishedOnly: true, HttpContext.RequestAborted);
        if (framework is null)
        {
            return;
        }

        var results = await RankParIndex.RankAsync(cards, db, framework, RankParIndex.Subject(framework, Subject, text), HttpContext.RequestAborted);
        (Province, Year, Subject) = (framework.ProvinceCode, framework.Year, results.Subject);
        View = new ParRankingView(framework, results, $"/chi-so-cchc/{framework.Id}/", years);
    }
}
