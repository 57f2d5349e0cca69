using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>The query string of a period report (the same selection as the report page and the summary API), checked and
/// authorised: a commune sees only itself, a supervisor its subtree (<see cref="IPeriodReports.AuthorizeAsync"/>).</summary>
internal static class ReportSelection
{
    /// <summary>Five years: long enough for a term's trend, short enough to answer in one request.</summary>
    public const int MaxDays = 5 * 366;

    public static async Task<ReportQuery> AuthorizedAsync(IPeriodReports reports, CurrentActor actor, IStringLocalizer<SharedResource> localizer,
        string? unitCode, DateOnly? from, DateOnly? to, bool? includeSubunits, string? domainCode, string? procedureCode, Channel? channel,
        UnitLevel? level, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("unitCode", unitCode, 40);
        errors.MaxLength("domainCode", domainCode, 40);
        errors.MaxLength("procedureCode", procedureCode, 60);
        errors.ThrowIfAny();
        var period = OutputSelection.Period(localizer, from, to, MaxDays);
        var query = new ReportQuery(period.From, period.To, unitCode!, includeSubunits ?? true, Blank(domainCode), Blank(procedureCode), channel, level);
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        return query;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The columns of a period report (DESIGN.md §4.8) in the order of the export, each with its cell.</summary>
internal static class ReportColumns
{
    public static readonly (string Key, Func<ReportFigures, bool, XlsxCell> Cell)[] All =
    [
        ("CarriedOver", (f, b) => XlsxCell.Count(f.CarriedOver, b)),
        ("ReceivedNew", (f, b) => XlsxCell.Count(f.ReceivedNew, b)),
        ("ReceivedOnline", (f, b) => XlsxCell.Count(f.ReceivedOnline, b)),
        ("ReceivedCounter", (f, b) => XlsxCell.Count(f.ReceivedCounter, b)),
        ("ReceivedPostal", (f, b) => XlsxCell.Count(f.ReceivedPostal, b)),
        ("Resolved", (f, b) => XlsxCell.Count(f.Resolved, b)),
        ("ResolvedEarly", (f, b) => XlsxCell.Count(f.ResolvedEarly, b)),
        ("ResolvedOnTime", (f, b) => XlsxCell.Count(f.ResolvedOnTime, b)),
        ("ResolvedLate", (f, b) => XlsxCell.Count(f.ResolvedLate, b)),
        ("InProgressWithinDeadline", (f, b) => XlsxCell.Count(f.InProgressWithinDeadline, b)),
        ("InProgressOverdue", (f, b) => XlsxCell.Count(f.InProgressOverdue, b)),
        ("Refused", (f, b) => XlsxCell.Count(f.Refused, b)),
        ("Withdrawn", (f, b) => XlsxCell.Count(f.Withdrawn, b)),
        ("Stopped", (f, b) => XlsxCell.Count(f.Stopped, b)),
        ("AwaitingSupplement", (f, b) => XlsxCell.Count(f.AwaitingSupplement, b)),
        ("ResultsAttached", (f, b) => XlsxCell.Count(f.ResultsAttached, b)),
        ("Digitised", (f, b) => XlsxCell.Count(f.Digitised, b)),
        ("OnTimeRate", (f, b) => XlsxCell.Rate(f.OnTimeRate, b)),
        ("OnlineShare", (f, b) => XlsxCell.Rate(f.OnlineShare, b)),
        ("PostalShare", (f, b) => XlsxCell.Rate(f.PostalShare, b)),
        ("ResultsAttachedShare", (f, b) => XlsxCell.Rate(f.ResultsAttachedShare, b)),
        ("DigitisedShare", (f, b) => XlsxCell.Rate(f.DigitisedShare, b)),
    ];
}
