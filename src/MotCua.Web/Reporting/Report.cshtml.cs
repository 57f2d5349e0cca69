using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// <c>/backoffice/thong-ke</c>: the period report for a unit the user may see (a commune itself, a supervisor its
/// subtree), with totals, rows by unit, domain or procedure, and every number linking to the dossiers behind it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ReportModel(IPeriodReports reports, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : ReportSelectionPage
{
    public PeriodReport? Report { get; private set; }
    public UnitPicker Units { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public static readonly ReportFigure[] Columns =
    [
        ReportFigure.CarriedOver, ReportFigure.ReceivedNew, ReportFigure.ReceivedOnline, ReportFigure.ReceivedCounter, ReportFigure.ReceivedPostal,
        ReportFigure.ResolvedEarly, ReportFigure.ResolvedOnTime, ReportFigure.ResolvedLate, ReportFigure.InProgressWithinDeadline,
        ReportFigure.InProgressOverdue, ReportFigure.AwaitingSupplement, ReportFigure.Refused, ReportFigure.Withdrawn, ReportFigure.Stopped,
        ReportFigure.ResultsAttached, ReportFigure.Digitised,
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // By default: this year so far, for the user's own unit.
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime).DateTime);
        From ??= new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Units = await UnitPicker.LoadAsync(db, actor, cancellationToken);
        UnitCode = Units.CodeOf(UnitCode);
        try
        {
            var query = Selection.Validate(actor, localizer);
            var errors = new FieldErrors(localizer);
            var rows = ReportSelection.Parse<ReportRows>(errors, "rowsBy", RowsBy) ?? ReportRows.Unit;
            errors.ThrowIfAny();
            UnitCode = query.UnitCode;
            await reports.AuthorizeAsync(actor, query, cancellationToken);
            Report = await reports.RunAsync(query, rows, cancellationToken);
        }
        catch (ProblemException problem) when (problem.Status == 400)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]>();
        }
    }

    /// <summary>The drill-down link of one number, keeping the whole selection.</summary>
    public string DrillDown(ReportFigure figure, string? rowKey) => Link("/backoffice/thong-ke/ho-so", figure, rowKey);

    /// <summary>The same report as an Excel workbook.</summary>
    public string Excel => Link("/api/v1/reports/summary.xlsx", null, null);

    /// <summary>The periodic report (form 06a) for the same unit and period, with the unit's whole subtree.</summary>
    public string PeriodicTthc => "/api/v1/reports/periodic-tthc.xlsx" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From,
        ["to"] = To,
        ["unitCode"] = UnitCode,
    });

    private string Link(string path, ReportFigure? figure, string? rowKey) => path + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From,
        ["to"] = To,
        ["unitCode"] = UnitCode,
        ["includeSubunits"] = (IncludeSubunits ?? true) ? "true" : "false",
        ["domain"] = Domain,
        ["procedureCode"] = ProcedureCode,
        ["channel"] = Channel,
        ["level"] = Level,
        ["rowsBy"] = Report?.RowsBy.ToString(),
        ["rowKey"] = rowKey,
        ["figure"] = figure?.ToString(),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>A share in the vi-VN style (57,1%), or a dash when there is nothing to divide by.</summary>
    public static string Percent(decimal? rate) => rate is { } value ? (value * 100).ToString("N1", CultureInfo.GetCultureInfo("vi-VN")) + "%" : "—";

    public static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
}
