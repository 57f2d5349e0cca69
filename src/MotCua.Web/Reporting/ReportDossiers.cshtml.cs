using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary><c>/backoffice/thong-ke/ho-so</c>: the dossiers behind one number of the report; as many as the number says.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ReportDossiersModel(IPeriodReports reports, CurrentActor actor, IStringLocalizer<SharedResource> localizer) : ReportSelectionPage
{
    [BindProperty(SupportsGet = true)] public string? RowKey { get; set; }
    [BindProperty(SupportsGet = true)] public string? Figure { get; set; }

    public ReportQuery? Query { get; private set; }
    public ReportFigure? Which { get; private set; }
    public IReadOnlyList<ReportDossier> Dossiers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Selection.Validate(actor, localizer);
        var errors = new FieldErrors(localizer);
        var figure = ReportSelection.Parse<ReportFigure>(errors, "figure", Figure);
        var rows = ReportSelection.Parse<ReportRows>(errors, "rowsBy", RowsBy) ?? ReportRows.Unit;
        if (figure is null)
        {
            errors.Add("figure", "Validation.Required");
        }

        errors.ThrowIfAny();
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        Query = query;
        Which = figure;
        Dossiers = await reports.DrillDownAsync(query, figure!.Value, rows, string.IsNullOrWhiteSpace(RowKey) ? null : RowKey, cancellationToken);
    }
}
