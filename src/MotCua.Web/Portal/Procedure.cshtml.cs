using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Catalog;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Portal;

/// <summary>One procedure as in force today: everything a citizen needs to apply, and its forms to download.</summary>
[PublicCache]
internal sealed class ProcedureModel(MotCuaDbContext db, TimeProvider clock) : PageModel
{
    public GetProcedure.Response Procedure { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var procedure = await GetProcedure.LoadAsync(db, code, CatalogQueries.Today(clock), HttpContext.RequestAborted);
        if (procedure is null)
        {
            return NotFound();
        }

        Procedure = procedure;
        return Page();
    }
}
