using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>A unit's published scorecard and lost points, for everyone; a year not published is not found.</summary>
[AllowAnonymous]
internal sealed class ParIndexPublicCardModel(ParIndexCards cards, MotCuaDbContext db, IStringLocalizer<ParIndexResource> text) : PageModel
{
    public GetParIndexCard.ParUnitCardResponse Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string unitCode)
    {
        var framework = await cards.FrameworkAsync(id, HttpContext.RequestAborted);
        if (framework.State != ParIndexState.Published)
        {
            return NotFound();
        }

        Card = await GetParIndexCard.LoadAsync(cards, db, framework, await cards.UnitAsync(framework, unitCode, HttpContext.RequestAborted), text,
            HttpContext.RequestAborted);
        return Page();
    }
}
