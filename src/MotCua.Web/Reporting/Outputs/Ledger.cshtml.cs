using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>The printable tracking ledger of a unit's desk for a period; the workbook holds the same lines.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class LedgerModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> shared,
    IStringLocalizer<ReportingOutputsResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public UnitPicker Units { get; private set; } = null!;
    public TrackingLedger.Ledger Ledger { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        Units = await UnitPicker.LoadAsync(db, actor, HttpContext.RequestAborted);
        UnitCode = Units.CodeOf(UnitCode) ?? actor.Roles.FirstOrDefault()?.UnitCode;
        var period = OutputSelection.Period(shared, OutputSelection.ParseDate(From) ?? new DateOnly(today.Year, today.Month, 1),
            OutputSelection.ParseDate(To) ?? today, TrackingLedger.MaxDays);
        From = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Ledger = await TrackingLedger.LoadAsync(db, actor, text, UnitCode, period.From, period.To, HttpContext.RequestAborted);
    }
}
