using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight;

/// <summary>Each officer's figures for a month or a year, and the desk team's "excellent" share against the province's cap.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class StaffPerformanceModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IEnumerable<IOfficerRatingSource> ratings,
    IStringLocalizer<OversightResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "thang")] public int? Month { get; set; }
    public GetStaffPerformance.Response Performance { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Year ??= DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).Year;
        Performance = await GetStaffPerformance.LoadAsync(UnitCode, Year, Month, db, actor, clock, ratings, text, HttpContext.RequestAborted);
        UnitCode = Performance.UnitCode;
    }
}
