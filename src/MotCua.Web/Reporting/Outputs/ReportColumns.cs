namespace MotCua.Web.Reporting.Outputs;

/// <summary>One column of a period report: a count or a rate of the figures, as a workbook cell or as vi-VN text.</summary>
internal sealed record ReportColumn(string Key, Func<ReportFigures, int>? Count, Func<ReportFigures, decimal?>? Rate)
{
    public XlsxCell Cell(ReportFigures figures, bool bold) => Count is { } count ? XlsxCell.Count(count(figures), bold) : XlsxCell.Rate(Rate!(figures), bold);

    public string Text(ReportFigures figures) => Count is { } count ? ViText.Count(count(figures)) : ViText.Rate(Rate!(figures));
}

/// <summary>The columns of a period report (DESIGN.md §4.8) in the order of the export.</summary>
internal static class ReportColumns
{
    public static readonly ReportColumn[] All =
    [
        new("CarriedOver", f => f.CarriedOver, null),
        new("ReceivedNew", f => f.ReceivedNew, null),
        new("ReceivedOnline", f => f.ReceivedOnline, null),
        new("ReceivedCounter", f => f.ReceivedCounter, null),
        new("ReceivedPostal", f => f.ReceivedPostal, null),
        new("Resolved", f => f.Resolved, null),
        new("ResolvedEarly", f => f.ResolvedEarly, null),
        new("ResolvedOnTime", f => f.ResolvedOnTime, null),
        new("ResolvedLate", f => f.ResolvedLate, null),
        new("InProgressWithinDeadline", f => f.InProgressWithinDeadline, null),
        new("InProgressOverdue", f => f.InProgressOverdue, null),
        new("Refused", f => f.Refused, null),
        new("Withdrawn", f => f.Withdrawn, null),
        new("Stopped", f => f.Stopped, null),
        new("AwaitingSupplement", f => f.AwaitingSupplement, null),
        new("ResultsAttached", f => f.ResultsAttached, null),
        new("Digitised", f => f.Digitised, null),
        new("OnTimeRate", null, f => f.OnTimeRate),
        new("OnlineShare", null, f => f.OnlineShare),
        new("PostalShare", null, f => f.PostalShare),
        new("ResultsAttachedShare", null, f => f.ResultsAttachedShare),
        new("DigitisedShare", null, f => f.DigitisedShare),
    ];
}
