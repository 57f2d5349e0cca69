using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// The periodic report on the handling of administrative procedures for the provincial reporting system:
/// <c>GET /api/v1/reports/periodic-tthc</c> (JSON, the data the system takes in) and <c>…/periodic-tthc.xlsx</c> (the form).
/// Legal basis: Circular 01/2020/TT-VPCP of 21/10/2020 (reporting regime of the Government Office), the form "tình hình, kết quả giải quyết
/// TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC". Two public one-stop systems print it with the same columns, which this export follows:
/// (3) received in total, (4) of them online in the period, (5) direct or by postal service in the period, (6) carried over from the previous
/// period; (7) resolved, (8) early, (9) on time, (10) late; (11) in progress at the end, (12) within the deadline, (13) overdue; one row per unit
/// or field. They number it differently ("06/VPCP/KSTT" citing the circular; "II.06a/VPCP/KSTT" for a Public Administration Service Centre,
/// basis not shown): the number 06a is kept (check), and no 2025 circular replacing the 2020 forms was found (check). Every figure is taken
/// from <see cref="IPeriodReports"/> (the figures of <c>GET /api/v1/reports/summary</c>); only sums of them are added here.
/// </summary>
internal static class ExportPeriodicTthcReport
{
    public const string Form = "06a/VPCP/KSTT";
    public const string LegalBasis = "Thông tư số 01/2020/TT-VPCP";

    public sealed record PeriodicTthcFigures(int Received, int ReceivedOnline, int ReceivedDirectOrPostal, int CarriedOver, int Resolved, int ResolvedEarly,
        int ResolvedOnTime, int ResolvedLate, int InProgress, int InProgressWithinDeadline, int InProgressOverdue)
    {
        public static PeriodicTthcFigures Of(ReportFigures f) => new(f.CarriedOver + f.ReceivedNew, f.ReceivedOnline,
            f.ReceivedCounter + f.ReceivedPostal, f.CarriedOver, f.Resolved, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate,
            f.InProgressWithinDeadline + f.InProgressOverdue, f.InProgressWithinDeadline, f.InProgressOverdue);

        /// <summary>The counts in the order of the form's columns 3 to 13.</summary>
        public int[] Columns => [Received, ReceivedOnline, ReceivedDirectOrPostal, CarriedOver, Resolved, ResolvedEarly, ResolvedOnTime, ResolvedLate,
            InProgress, InProgressWithinDeadline, InProgressOverdue];
    }

    public sealed record PeriodicTthcRow(string Key, string Name, PeriodicTthcFigures Figures);

    public sealed record PeriodicTthcReport(string Form, string LegalBasis, DateOnly From, DateOnly To, string UnitCode, string UnitName,
        PeriodicTthcFigures Totals, IReadOnlyList<PeriodicTthcRow> Units, IReadOnlyList<PeriodicTthcRow> Domains);

    public static async Task<Ok<PeriodicTthcReport>> Handle(string? unitCode, string? from, string? to, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> shared, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunAsync(unitCode, from, to, reports, actor, shared, cancellationToken));

    public static async Task<FileContentHttpResult> HandleXlsx(string? unitCode, string? from, string? to, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> shared, IStringLocalizer<ReportingOutputsResource> text, CancellationToken cancellationToken)
    {
        var report = await RunAsync(unitCode, from, to, reports, actor, shared, cancellationToken);
        var name = $"bao-cao-dinh-ky-tthc-{report.UnitCode}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.xlsx";
        return TypedResults.File(Xlsx.Write(Sheet(report, report.Units, "Unit", text), Sheet(report, report.Domains, "Domain", text)), Xlsx.ContentType, name);
    }

    /// <summary>The whole subtree of the unit, in rows by unit and by field, from the same selection as the summary API.</summary>
    private static async Task<PeriodicTthcReport> RunAsync(string? unitCode, string? from, string? to, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> shared, CancellationToken cancellationToken)
    {
        var query = new ReportSelection(from, to, unitCode, true, null, null, null, null).Validate(actor, shared);
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        var byUnit = await reports.RunAsync(query, ReportRows.Unit, cancellationToken);
        var byDomain = await reports.RunAsync(query, ReportRows.Domain, cancellationToken);
        return new PeriodicTthcReport(Form, LegalBasis, query.From, query.To, query.UnitCode, byUnit.UnitName, PeriodicTthcFigures.Of(byUnit.Totals),
            Rows(byUnit), Rows(byDomain));
    }

    private static List<PeriodicTthcRow> Rows(PeriodReport report) =>
        [.. report.Rows.Select(r => new PeriodicTthcRow(r.Key, r.Name, PeriodicTthcFigures.Of(r.Figures)))];

    /// <summary>The header is rows 7–8, the column numbers row 9, the first data row 10, the totals the last row (the tests read the cells by these).</summary>
    private static XlsxSheet Sheet(PeriodicTthcReport report, IReadOnlyList<PeriodicTthcRow> rows, string rowsBy, IStringLocalizer text)
    {
        var sheet = new XlsxSheet(text["Periodic.Sheet." + rowsBy], [6, 36, .. Enumerable.Repeat(11d, 11)])
            .Line(text["Periodic.Form", Form, LegalBasis], XlsxStyle.Subtitle)
            .Line(text["Periodic.Title"])
            .Line(report.UnitName, XlsxStyle.Subtitle)
            .Line(text["Ledger.Period", ViText.Date(report.From), ViText.Date(report.To)], XlsxStyle.Subtitle)
            .Line(text["Periodic.Sheet." + rowsBy], XlsxStyle.Subtitle)
            .Blank();
        string?[] groups = ["Received", null, null, null, "Resolved", null, null, null, "InProgress", null, null];
        sheet.Row([XlsxCell.Of(text["Report.Column.No"], XlsxStyle.Header), XlsxCell.Of(text["Report.Rows." + rowsBy], XlsxStyle.Header),
            .. groups.Select(g => XlsxCell.Of(g is null ? "" : text["Periodic.Group." + g], XlsxStyle.Header))]);
        string[] columns = ["Total", "Online", "DirectOrPostal", "CarriedOver", "Total", "Early", "OnTime", "Late", "Total", "WithinDeadline", "Overdue"];
        sheet.Row([XlsxCell.Of("", XlsxStyle.Header), XlsxCell.Of("", XlsxStyle.Header), .. columns.Select(c => XlsxCell.Of(text["Periodic.Column." + c], XlsxStyle.Header))]);
        sheet.Row([.. Enumerable.Range(1, 13).Select(n => XlsxCell.Of($"({n})", XlsxStyle.Header))]);
        var no = 1;
        foreach (var row in rows)
        {
            sheet.Row([XlsxCell.Count(no++), XlsxCell.Of(row.Name), .. row.Figures.Columns.Select(c => XlsxCell.Count(c))]);
        }

        sheet.Row([XlsxCell.Of("", XlsxStyle.BoldText), XlsxCell.Of(text["Report.Total"], XlsxStyle.BoldText),
            .. report.Totals.Columns.Select(c => XlsxCell.Count(c, true))]);
        // The group headings span their columns: received C–F, resolved G–J, in progress K–M; No. and name span both header rows.
        sheet.Merges.AddRange(["A7:A8", "B7:B8", "C7:F7", "G7:J7", "K7:M7"]);
        return sheet;
    }
}
