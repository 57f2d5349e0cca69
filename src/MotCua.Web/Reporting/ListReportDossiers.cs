using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// <c>GET /api/v1/reports/dossiers?figure=...</c>: the dossiers behind one figure of the summary (of the totals, or of
/// one row with <c>rowsBy</c> and <c>rowKey</c>); the list's length equals the figure.
/// </summary>
internal static class ListReportDossiers
{
    public sealed record Response(string Figure, int Count, IReadOnlyList<ReportDossier> Dossiers);

    public static async Task<Ok<Response>> Handle([AsParameters] ReportSelection selection, string? figure, string? rowsBy, string? rowKey,
        IPeriodReports reports, CurrentActor actor, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, localizer);
        var errors = new FieldErrors(localizer);
        var which = ReportSelection.Parse<ReportFigure>(errors, "figure", figure);
        if (which is null && string.IsNullOrWhiteSpace(figure))
        {
            errors.Add("figure", "Validation.Required");
        }

        var rows = ReportSelection.Parse<ReportRows>(errors, "rowsBy", rowsBy);
        errors.ThrowIfAny();
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        var dossiers = await reports.DrillDownAsync(query, which!.Value, rows ?? ReportRows.Unit, string.IsNullOrWhiteSpace(rowKey) ? null : rowKey,
            cancellationToken);
        return TypedResults.Ok(new Response(which.Value.ToString(), dossiers.Count, dossiers));
    }
}
