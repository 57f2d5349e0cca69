using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;

namespace MotCua.Web.Payments;

/// <summary>/backoffice/thu-phi: fees collected by unit and procedure in a period with the online payment share, and the e-receipt
/// register of the same units and period (the same figures as <c>/api/v1/payments/report</c> and <c>/api/v1/receipts</c>).</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class RegisterModel(MotCuaDbContext db, CurrentActor actor, IPeriodReports reports, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "don-vi")] public string? UnitCode { get; set; }
    [FromQuery(Name = "tu")] public string? From { get; set; }
    [FromQuery(Name = "den")] public string? To { get; set; }

    public FeeReport.Response Fees { get; private set; } = null!;
    public ListReceipts.Response Receipts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var from = Date(From) ?? new DateOnly(today.Year, today.Month, 1);
        var to = Date(To) ?? today;
        var unit = UnitCode is { Length: > 0 and <= 40 } ? UnitCode : actor.Roles.FirstOrDefault()?.UnitCode;
        if (unit is null || to < from)
        {
            return BadRequest();
        }

        var query = new ReportQuery(from, to, unit);
        try
        {
            await reports.AuthorizeAsync(actor, query, HttpContext.RequestAborted);
        }
        catch (ProblemException problem)
        {
            return StatusCode(problem.Status);
        }

        (UnitCode, From, To) = (unit, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Fees = await FeeReport.RunAsync(db, query, HttpContext.RequestAborted);
        Receipts = await ListReceipts.RunAsync(db, query, HttpContext.RequestAborted);
        return Page();
    }

    public static string Percent(decimal? share) => share is { } value ? (value * 100).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + "%" : "—";

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
