using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;

namespace MotCua.Web.Portal;

/// <summary>
/// Public disclosure of a unit's results (công khai kết quả giải quyết TTHC, Decree 61/2018 Art. 33 as amended): the
/// period's figures in the §4.8 shape and the rates, for a month or a whole year. Figures only: no dossier, no name.
/// The figures move slowly, so the page may be cached for five minutes.
/// </summary>
[AllowAnonymous]
[PublicCache]
internal sealed class DisclosureModel(IPeriodReports reports, MotCuaDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> shared) : PageModel
{
    [FromQuery(Name = "nam")] public int? Year { get; set; }
    [FromQuery(Name = "thang")] public int? Month { get; set; }
    public PeriodReport Report { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unitCode)
    {
        Today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors(shared);
        if (Year is < 2000 || Year > Today.Year)
        {
            errors.Add("nam", "Reporting.Outputs.BadYear", Today.Year);
        }

        if (Month is < 1 or > 12)
        {
            errors.Add("thang", "Reporting.Outputs.BadMonth");
        }

        errors.ThrowIfAny();
        if (!await db.Units.AnyAsync(u => u.Code == unitCode, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var year = Year ?? Today.Year;
        var month = Year is null ? Today.Month : Month;
        var from = new DateOnly(year, month ?? 1, 1);
        var end = month is null ? new DateOnly(year, 12, 31) : from.AddMonths(1).AddDays(-1);
        // A period still running is shown as it stands today: "in progress at the end" means now.
        var to = end > Today ? Today : end;
        if (to < from)
        {
            return NotFound();
        }

        (Year, Month) = (year, month);
        Report = await reports.RunAsync(new ReportQuery(from, to, unitCode), ReportRows.Domain, HttpContext.RequestAborted);
        // A signed-in visitor's copy shows their name in the top bar: only their own browser may keep it.
        Response.Headers.CacheControl = User.Identity?.IsAuthenticated == true ? "private, max-age=300" : "public, max-age=300";
        Response.Headers.Vary = "Cookie";
        return Page();
    }
}
