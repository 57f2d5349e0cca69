using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Catalog;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Portal;

/// <summary>The public listing (niêm yết) of one unit, large enough for the TV screen at its desk.</summary>
[PublicCache]
internal sealed class UnitListingModel(MotCuaDbContext db, TimeProvider clock) : PageModel
{
    public ListUnitProcedures.Listing Listing { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unitCode)
    {
        Today = CatalogQueries.Today(clock);
        var listing = await ListUnitProcedures.LoadAsync(db, unitCode, Today, HttpContext.RequestAborted);
        if (listing is null)
        {
            return NotFound();
        }

        Listing = listing;
        return Page();
    }
}
