using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// <c>GET /api/v1/reports/summary</c>: the period figures of DESIGN.md §4.8 for a unit (with its subtree and the
/// units merged into it) and optional domain, procedure, channel and level; with <c>rowsBy</c>, also the rows.
/// </summary>
internal static class GetReportSummary
{
    public sealed record Figures(int CarriedOver, int ReceivedNew, int ReceivedOnline, int ReceivedCounter, int ReceivedPostal, int Resolved,
        int ResolvedEarly, int ResolvedOnTime, int ResolvedLate, int InProgressWithinDeadline, int InProgressOverdue, int Refused, int Withdrawn,
        int Stopped, int AwaitingSupplement, int ResultsAttached, int Digitised, decimal? OnTimeRate, decimal? OnlineShare, decimal? PostalShare,
        decimal? ResultsAttachedShare, decimal? DigitisedShare)
    {
        public static Figures Of(ReportFigures f) => new(f.CarriedOver, f.ReceivedNew, f.ReceivedOnline, f.ReceivedCounter, f.ReceivedPostal, f.Resolved,
            f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate, f.InProgressWithinDeadline, f.InProgressOverdue, f.Refused, f.Withdrawn, f.Stopped,
            f.AwaitingSupplement, f.ResultsAttached, f.Digitised, f.OnTimeRate, f.OnlineShare, f.PostalShare, f.ResultsAttachedShare, f.DigitisedShare);
    }

    public sealed record Row(string Key, string Name, Figures Figures);

    public sealed record Response(DateOnly From, DateOnly To, string UnitCode, string UnitName, bool IncludeSubunits, string? Domain,
        string? ProcedureCode, string? Channel, string? Level, int CarriedOver, int ReceivedNew, int ReceivedOnline, int ReceivedCounter,
        int ReceivedPostal, int Resolved, int ResolvedEarly, int ResolvedOnTime, int ResolvedLate, int InProgressWithinDeadline,
        int InProgressOverdue, int Refused, int Withdrawn, int Stopped, int AwaitingSupplement, int ResultsAttached, int Digitised,
        decimal? OnTimeRate, decimal? OnlineShare, decimal? PostalShare, decimal? ResultsAttachedShare, decimal? DigitisedShare,
        string? RowsBy, IReadOnlyList<Row>? Rows);

    public static async Task<Ok<Response>> Handle([AsParameters] ReportSelection selection, string? rowsBy, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, localizer);
        var errors = new FieldErrors(localizer);
        var rows = ReportSelection.Parse<ReportRows>(errors, "rowsBy", rowsBy);
        errors.ThrowIfAny();
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        var report = await reports.RunAsync(query, rows ?? ReportRows.Unit, cancellationToken);
        var t = report.Totals;
        return TypedResults.Ok(new Response(query.From, query.To, query.UnitCode, report.UnitName, query.IncludeSubunits, query.DomainCode,
            query.ProcedureCode, query.Channel?.ToString(), query.Level?.ToString(), t.CarriedOver, t.ReceivedNew, t.ReceivedOnline, t.ReceivedCounter,
            t.ReceivedPostal, t.Resolved, t.ResolvedEarly, t.ResolvedOnTime, t.ResolvedLate, t.InProgressWithinDeadline, t.InProgressOverdue, t.Refused,
            t.Withdrawn, t.Stopped, t.AwaitingSupplement, t.ResultsAttached, t.Digitised, t.OnTimeRate, t.OnlineShare, t.PostalShare,
            t.ResultsAttachedShare, t.DigitisedShare, rows?.ToString(),
            rows is null ? null : report.Rows.Select(r => new Row(r.Key, r.Name, Figures.Of(r.Figures))).ToList()));
    }
}
