using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MotCua.Web.Reporting;

/// <summary>A back-office page that takes a report selection from its query string (the report and its drill-downs).</summary>
internal abstract class ReportSelectionPage : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true)] public bool? IncludeSubunits { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProcedureCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? RowsBy { get; set; }

    public ReportSelection Selection => new(From, To, UnitCode, IncludeSubunits, Domain, ProcedureCode, Channel, Level);
}
