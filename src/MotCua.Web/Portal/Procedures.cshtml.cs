using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Portal;

/// <summary>The public search (<c>trang</c> is the page number: <c>page</c> is taken by Razor Pages' routing): any words, with or without diacritics, and filters by level, domain, unit and online mode.</summary>
[PublicCache]
internal sealed class ProceduresModel(MotCuaDbContext db, CatalogSearchIndex index, TimeProvider clock, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Online { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public string? PageNumber { get; set; }

    public SearchProcedures.Response? Result { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public List<SaveDomain.Item> Domains { get; private set; } = [];
    public List<ListUnitProcedures.UnitOption> Units { get; private set; } = [];
    public int PageCount => Result is null ? 0 : Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        var today = CatalogQueries.Today(clock);
        Domains = await SaveDomain.List(db, HttpContext.RequestAborted) is { Value: { } list } ? list : [];
        Units = await ListUnitProcedures.ProvidersAsync(db, today, HttpContext.RequestAborted);
        try
        {
            var query = SearchProcedures.Parse(Q, Level, Domain, UnitCode, Online, PageNumber, localizer);
            Result = await index.SearchAsync(query, today, HttpContext.RequestAborted);
        }
        catch (ProblemException problem) when (problem.Errors is not null)
        {
            Errors = problem.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>The current query with another page number, for the pager links.</summary>
    public string PageLink(int page) => "/thu-tuc" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["level"] = Level,
        ["domain"] = Domain,
        ["unitCode"] = UnitCode,
        ["online"] = Online,
        ["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
