using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Oversight;

/// <summary>The Decision 766 ranking of the units under a unit for a month or a quarter (the current quarter by default).</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class Decision766RankingModel(IPeriodReports reports, MotCuaDbContext db, CurrentActor actor, TimeProvider clock,
    IOptions<Decision766Options> options, IEnumerable<IDecision766Source> sources, IStringLocalizer<OversightResource> text,
    IStringLocalizer<ReportingOutputsResource> outputs) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "thang")] public int? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "quy")] public int? Quarter { get; set; }
    public RankDecision766.Response Ranking { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        Year ??= today.Year;
        if (Month is null && Quarter is null)
        {
            Quarter = ((today.Month - 1) / 3) + 1;
        }

        Ranking = await RankDecision766.RankAsync(UnitCode, Year, Month, Quarter, reports, db, actor, clock, options.Value, sources, text, outputs,
            HttpContext.RequestAborted);
        UnitCode = Ranking.UnitCode;
    }
}
