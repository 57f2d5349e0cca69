using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Units;

/// <summary>The unit tree the user may see, as of today or any date, with closed and merged units on request.</summary>
internal sealed class IndexModel(MotCuaDbContext db, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeClosed { get; set; }
    public List<ListUnits.Item> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var items = await ListUnits.QueryAsync(db, actor, AsOf, IncludeClosed, HttpContext.RequestAborted);
        // A role below the root shows its own subtree from depth zero.
        var minDepth = items.Count == 0 ? 0 : items.Min(i => i.Depth);
        Items = items.Select(i => i with { Depth = i.Depth - minDepth }).ToList();
    }
}
