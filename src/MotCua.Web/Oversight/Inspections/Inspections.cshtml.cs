using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>A parent unit's inspection plan for a year: the planned units, the rounds with their findings and corrections, and the figures.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class InspectionsModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<OversightResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    public GetInspectionPlan.InspectionPlanResponse? Plan { get; private set; }

    public async Task OnGetAsync()
    {
        Year ??= DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).Year;
        UnitCode = string.IsNullOrWhiteSpace(UnitCode) ? actor.Roles.FirstOrDefault()?.UnitCode : UnitCode.Trim();
        var plan = await GetInspectionPlan.LoadAsync(db.InspectionPlans.AsNoTracking()
            .Where(p => p.Year == Year && db.Units.Any(u => u.Id == p.ParentUnitId && u.Code == UnitCode)), HttpContext.RequestAborted);
        Plan = plan is null ? null : await GetInspectionPlan.ViewAsync(db, actor, plan, clock, text, HttpContext.RequestAborted);
    }
}
