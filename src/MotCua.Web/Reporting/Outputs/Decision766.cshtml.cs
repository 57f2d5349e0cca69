using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>The Decision 766 score of a unit for a period, with every component's inputs, rule and points.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class Decision766Model(IPeriodReports reports, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IOptions<Decision766Options> options,
    IEnumerable<IDecision766Source> sources, IStringLocalizer<SharedResource> shared, IStringLocalizer<ReportingOutputsResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public UnitPicker Units { get; private set; } = null!;
    public GetDecision766.Response Score { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        Units = await UnitPicker.LoadAsync(db, actor, HttpContext.RequestAborted);
        UnitCode = Units.CodeOf(UnitCode) ?? actor.Roles.FirstOrDefault()?.UnitCode;
        From ??= new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = await GetDecision766.AuthorizedAsync(reports, actor, shared, UnitCode, From, To, HttpContext.RequestAborted);
        From = query.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = query.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Score = await GetDecision766.ScoreAsync(reports, db, options.Value, sources, text, query, HttpContext.RequestAborted);
    }
}
