namespace MotCua.Web.Reporting;

/// <summary>Each number of a period report; every one of them drills down to the dossiers behind it.</summary>
internal enum ReportFigure
{
    CarriedOver,
    ReceivedNew,
    ReceivedOnline,
    ReceivedCounter,
    ReceivedPostal,
    ResolvedEarly,
    ResolvedOnTime,
    ResolvedLate,
    InProgressWithinDeadline,
    InProgressOverdue,
    Refused,
    Withdrawn,
    Stopped,
    AwaitingSupplement,
    ResultsAttached,
    Digitised,
}

/// <summary>
/// The figures of DESIGN.md §4.8 for one selection (or one row of it). Resolved counts are judged at date
/// granularity against the original due date; in-progress counts are taken at the end of the period.
/// </summary>
internal sealed record ReportFigures(
    int CarriedOver,
    int ReceivedNew,
    int ReceivedOnline,
    int ReceivedCounter,
    int ReceivedPostal,
    int ResolvedEarly,
    int ResolvedOnTime,
    int ResolvedLate,
    int InProgressWithinDeadline,
    int InProgressOverdue,
    int Refused,
    int Withdrawn,
    int Stopped,
    int AwaitingSupplement,
    int ResultsAttached,
    int Digitised)
{
    public int Resolved => ResolvedEarly + ResolvedOnTime + ResolvedLate;

    /// <summary>(early + on time) / resolved; null when nothing was resolved.</summary>
    public decimal? OnTimeRate => Rate(ResolvedEarly + ResolvedOnTime, Resolved);

    public decimal? OnlineShare => Rate(ReceivedOnline, ReceivedNew);

    public decimal? PostalShare => Rate(ReceivedPostal, ReceivedNew);

    /// <summary>Resolved dossiers whose result documents are attached in the system, over resolved.</summary>
    public decimal? ResultsAttachedShare => Rate(ResultsAttached, Resolved);

    /// <summary>Received dossiers whose components were received as electronic files, over received.</summary>
    public decimal? DigitisedShare => Rate(Digitised, ReceivedNew);

    public int this[ReportFigure figure] => figure switch
    {
        ReportFigure.CarriedOver => CarriedOver,
        ReportFigure.ReceivedNew => ReceivedNew,
        ReportFigure.ReceivedOnline => ReceivedOnline,
        ReportFigure.ReceivedCounter => ReceivedCounter,
        ReportFigure.ReceivedPostal => ReceivedPostal,
        ReportFigure.ResolvedEarly => ResolvedEarly,
        ReportFigure.ResolvedOnTime => ResolvedOnTime,
        ReportFigure.ResolvedLate => ResolvedLate,
        ReportFigure.InProgressWithinDeadline => InProgressWithinDeadline,
        ReportFigure.InProgressOverdue => InProgressOverdue,
        ReportFigure.Refused => Refused,
        ReportFigure.Withdrawn => Withdrawn,
        ReportFigure.Stopped => Stopped,
        ReportFigure.AwaitingSupplement => AwaitingSupplement,
        ReportFigure.ResultsAttached => ResultsAttached,
        ReportFigure.Digitised => Digitised,
    };

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
