using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Reporting;

namespace MotCua.Web.Ratings;

/// <summary>
/// /danh-gia/ket-qua: the public results of the ratings, aggregated by unit and by procedure for a period (the current
/// month unless asked). No officer names and no dossier codes appear here.
/// </summary>
internal sealed class ResultsModel(MotCuaDbContext db, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "don-vi")] public string? UnitCode { get; set; }
    [FromQuery(Name = "tu")] public string? From { get; set; }
    [FromQuery(Name = "den")] public string? To { get; set; }

    public RatingResults.Response? ByUnit { get; private set; }
    public RatingResults.Response? ByProcedure { get; private set; }
    public List<(string Code, string Name)> TopUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var from = Date(From) ?? new DateOnly(today.Year, today.Month, 1);
        var to = Date(To) ?? today;
        if (to < from || to.DayNumber - from.DayNumber > 366 * 5)
        {
            return BadRequest();
        }

        TopUnits = (await db.Units.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Name).Select(u => new { u.Code, u.Name })
            .ToListAsync(HttpContext.RequestAborted)).Select(u => (u.Code, u.Name)).ToList();
        var unit = UnitCode is { Length: > 0 and <= 40 } ? UnitCode : TopUnits.FirstOrDefault().Code;
        if (unit is null || !await db.Units.AnyAsync(u => u.Code == unit, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var query = new ReportQuery(from, to, unit);
        From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        UnitCode = unit;
        ByUnit = await RatingResults.RunAsync(db, query, RatingRows.Unit, HttpContext.RequestAborted);
        ByProcedure = await RatingResults.RunAsync(db, query, RatingRows.Procedure, HttpContext.RequestAborted);
        return Page();
    }

    public static string Percent(decimal? share) => share is { } value ? (value * 100).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + "%" : "—";

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
