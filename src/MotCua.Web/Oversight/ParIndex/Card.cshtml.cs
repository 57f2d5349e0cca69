using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>A unit's reform index scorecard in the back office: every criterion, its evidence and the points lost, for the unit's and the
/// province's staff.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ParIndexCardModel(ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, IStringLocalizer<ParIndexResource> text) : PageModel
{
    public GetParIndexCard.ParUnitCardResponse Card { get; private set; } = null!;

    public async Task OnGetAsync(int id, string unitCode)
    {
        var framework = await cards.FrameworkAsync(id, HttpContext.RequestAborted);
        var unit = await cards.UnitAsync(framework, unitCode, HttpContext.RequestAborted);
        if (framework.State != ParIndexState.Published && !actor.Covers(unit.Path))
        {
            throw ProblemException.Forbidden();
        }

        Card = await GetParIndexCard.LoadAsync(cards, db, framework, unit, text, HttpContext.RequestAborted);
    }
}
