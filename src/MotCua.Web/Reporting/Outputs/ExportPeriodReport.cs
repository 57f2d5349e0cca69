using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// <c>GET /api/v1/reports/summary.xlsx?unitCode=&amp;from=&amp;to=&amp;rowsBy=Unit|Domain|Procedure&amp;…</c>: the period report of
/// the summary API and the report page as a workbook: the heading, the unit and the period, one row per unit, domain or
/// procedure with the figures of §4.8 and their rates, and the totals of the selection in the last row.
/// </summary>
internal static class ExportPeriodReport
{
    public static async Task<FileContentHttpResult> Handle([AsParameters] ReportSelection selection, string? rowsBy, IPeriodReports reports,
        CurrentActor actor, IStringLocalizer<SharedResource> shared, IStringLocalizer<ReportingOutputsResource> text, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, shared);
        var errors = new FieldErrors(shared);
        var rows = ReportSelection.Parse<ReportRows>(errors, "rowsBy", rowsBy);
        errors.ThrowIfAny();
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        var report = await reports.RunAsync(query, rows ?? ReportRows.Unit, cancellationToken);
        var name = $"bao-cao-{query.UnitCode}-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.xlsx";
        return TypedResults.File(Xlsx.Write(Sheet(report, text)), Xlsx.ContentType, name);
    }

    /// <summary>The header is row 6, the first data row 7, the totals the last row (the tests read the cells by these).</summary>
    public static XlsxSheet Sheet(PeriodReport report, IStringLocalizer text)
    {
        var widths = new double[] { 6, 36 }.Concat(ReportColumns.All.Select(_ => 11d)).ToArray();
        var sheet = new XlsxSheet(text["Report.Sheet"], widths)
            .Line(text["Report.Title"])
            .Line(report.UnitName, XlsxStyle.Subtitle)
            .Line(text["Ledger.Period", ViText.Date(report.Query.From), ViText.Date(report.Query.To)], XlsxStyle.Subtitle)
            .Line(Selection(report.Query, text), XlsxStyle.Subtitle)
            .Blank()
            .Row([XlsxCell.Of(text["Report.Column.No"], XlsxStyle.Header), XlsxCell.Of(text["Report.Rows." + report.RowsBy], XlsxStyle.Header),
                ..ReportColumns.All.Select(c => XlsxCell.Of(text["Figure." + c.Key], XlsxStyle.Header))]);
        var no = 1;
        foreach (var row in report.Rows)
        {
            sheet.Row([XlsxCell.Count(no++), XlsxCell.Of(row.Name), .. ReportColumns.All.Select(c => c.Cell(row.Figures, false))]);
        }

        sheet.Row([XlsxCell.Of("", XlsxStyle.BoldText), XlsxCell.Of(text["Report.Total"], XlsxStyle.BoldText),
            ..ReportColumns.All.Select(c => c.Cell(report.Totals, true))]);
        return sheet;
    }

    private static string Selection(ReportQuery query, IStringLocalizer text)
    {
        var parts = new List<string> { query.IncludeSubunits ? text["Report.WithSubunits"] : text["Report.UnitOnly"] };
        if (query.DomainCode is { } domain)
        {
            parts.Add(text["Report.Domain", domain]);
        }

        if (query.ProcedureCode is { } procedure)
        {
            parts.Add(text["Report.Procedure", procedure]);
        }

        if (query.Channel is { } channel)
        {
            parts.Add(text["Figure.Received" + channel]);
        }

        if (query.Level is { } level)
        {
            parts.Add(text["Report.Level." + level]);
        }

        return string.Join("; ", parts);
    }
}
