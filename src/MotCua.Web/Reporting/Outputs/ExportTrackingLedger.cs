using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// <c>GET /api/v1/reports/ledger.xlsx?unitCode=&amp;from=&amp;to=</c>: the tracking ledger as a workbook, one sheet per
/// official form (06 of Circular 01/2018, 07 of Circular 03/2025), with the form's heading, the unit, the period, the
/// numbered columns and a blank column for the applicant's signature.
/// </summary>
internal static class ExportTrackingLedger
{
    /// <summary>Column keys in the order of the official form; the page and the workbook share them.</summary>
    public static readonly string[] Columns =
    [
        "No", "Code", "Procedure", "Sets", "Owner", "AddressAndPhone", "LeadAgency", "Received", "Due", "Transferred", "ResultReceived", "Returned",
        "Signature", "Note",
    ];

    private static readonly double[] Widths = [5, 24, 34, 8, 22, 30, 24, 15, 15, 15, 15, 15, 12, 24];

    public static async Task<FileContentHttpResult> Handle(string? unitCode, DateOnly? from, DateOnly? to, MotCuaDbContext db, CurrentActor actor,
        IStringLocalizer<SharedResource> shared, IStringLocalizer<ReportingOutputsResource> text, CancellationToken cancellationToken)
    {
        var period = OutputSelection.Period(shared, from, to, TrackingLedger.MaxDays);
        var ledger = await TrackingLedger.LoadAsync(db, actor, text, unitCode, period.From, period.To, cancellationToken);
        var sheets = ledger.Books.Select(book => Sheet(ledger, book, text)).ToArray();
        var name = $"so-theo-doi-{ledger.UnitCode}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.xlsx";
        return TypedResults.File(Xlsx.Write(sheets), Xlsx.ContentType, name);
    }

    private static XlsxSheet Sheet(TrackingLedger.Ledger ledger, TrackingLedger.Book book, IStringLocalizer text)
    {
        var sheet = new XlsxSheet(text["Ledger.Sheet." + book.Form], Widths)
            .Line(text["Ledger.FormNumber." + book.Form], XlsxStyle.Subtitle)
            .Line(text["Ledger.Desk", ledger.UnitName])
            .Line(text["Ledger.Title"])
            .Line(text["Ledger.Period", ViText.Date(book.From), ViText.Date(book.To)], XlsxStyle.Subtitle)
            .Blank()
            .Row(Columns.Select(c => XlsxCell.Of(text["Ledger.Column." + c], XlsxStyle.Header)).ToArray())
            .Row(Columns.Select((_, i) => XlsxCell.Of($"({i + 1})", XlsxStyle.Header)).ToArray());
        foreach (var e in book.Entries)
        {
            sheet.Row(
                XlsxCell.Count(e.No),
                XlsxCell.Of(e.Code),
                XlsxCell.Of(e.ProcedureName),
                XlsxCell.Count(e.Sets),
                XlsxCell.Of(e.Owner),
                XlsxCell.Of(e.AddressAndPhone),
                XlsxCell.Of(e.LeadAgency),
                XlsxCell.Moment(e.ReceivedAt),
                XlsxCell.Moment(e.DueAt),
                XlsxCell.Moment(e.TransferredAt),
                XlsxCell.Moment(e.ResultReceivedAt),
                XlsxCell.Moment(e.ReturnedAt),
                XlsxCell.Of(""),
                XlsxCell.Of(e.Note));
        }

        return sheet;
    }
}
