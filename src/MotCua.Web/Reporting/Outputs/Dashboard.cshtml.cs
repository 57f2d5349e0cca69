using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// The dashboard of a unit (with its subtree) for a year, scoped like the period report: the on-time rate and the
/// results-attached share month by month, the channel mix, overdue dossiers by unit and the procedures most often late.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class DashboardModel(IPeriodReports reports, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed record Month(int Number, ReportFigures Figures);

    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    public string UnitName { get; private set; } = "";
    public UnitPicker Units { get; private set; } = null!;
    public DateOnly To { get; private set; }
    public IReadOnlyList<Month> Months { get; private set; } = [];
    public ReportFigures Totals { get; private set; } = null!;
    public IReadOnlyList<ReportRow> OverdueByUnit { get; private set; } = [];
    public IReadOnlyList<ReportRow> MostOftenLate { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        Year ??= today.Year;
        Units = await UnitPicker.LoadAsync(db, actor, HttpContext.RequestAborted);
        UnitCode = Units.CodeOf(UnitCode) ?? actor.Roles.FirstOrDefault()?.UnitCode;
        var errors = new FieldErrors(shared);
        if (Year < 2000 || Year > today.Year)
        {
            errors.Add("nam", "Reporting.Outputs.BadYear", today.Year);
        }

        errors.Required("unitCode", UnitCode, 40);
        errors.ThrowIfAny();

        var from = new DateOnly(Year.Value, 1, 1);
        To = Year == today.Year ? today : new DateOnly(Year.Value, 12, 31);
        var year = new ReportQuery(from, To, UnitCode!);
        await reports.AuthorizeAsync(actor, year, HttpContext.RequestAborted);

        var byUnit = await reports.RunAsync(year, ReportRows.Unit, HttpContext.RequestAborted);
        var byProcedure = await reports.RunAsync(year, ReportRows.Procedure, HttpContext.RequestAborted);
        UnitName = byUnit.UnitName;
        Totals = byUnit.Totals;
        OverdueByUnit = byUnit.Rows.Where(r => r.Figures.InProgressOverdue > 0).OrderByDescending(r => r.Figures.InProgressOverdue).ThenBy(r => r.Name).ToList();
        MostOftenLate = byProcedure.Rows.Where(r => r.Figures.ResolvedLate > 0).OrderByDescending(r => r.Figures.ResolvedLate).ThenBy(r => r.Key).Take(10).ToList();

        var months = new List<Month>();
        for (var month = 1; month <= To.Month; month++)
        {
            var start = new DateOnly(Year.Value, month, 1);
            var end = month == To.Month ? To : start.AddMonths(1).AddDays(-1);
            months.Add(new Month(month, (await reports.RunAsync(year with { From = start, To = end }, ReportRows.Unit, HttpContext.RequestAborted)).Totals));
        }

        Months = months;
    }
}
