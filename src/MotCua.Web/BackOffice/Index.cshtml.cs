using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.BackOffice;

/// <summary>The back-office home: who you are, in which units, and where to go.</summary>
internal sealed class IndexModel(CurrentActor actor, MotCuaDbContext db) : PageModel
{
    public string Name => actor.Name;
    public IReadOnlyList<RoleClaim> Roles => actor.Roles;
    public int UnitCount { get; private set; }

    public async Task OnGetAsync() =>
        UnitCount = await ListUnits.Visible(db.Units.AsNoTracking(), actor).CountAsync(u => u.ValidTo == null, HttpContext.RequestAborted);
}
