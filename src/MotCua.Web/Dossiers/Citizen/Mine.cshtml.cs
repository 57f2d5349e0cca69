using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Dossiers.Citizen;

/// <summary>The signed-in citizen's own dossiers, whatever the channel, with state, code, due date and the desk's reason.</summary>
[Authorize(Policy = Policies.Citizen)]
internal sealed class MineModel(MotCuaDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public List<ListMyDossiers.Item> Dossiers { get; private set; } = [];

    public async Task OnGetAsync() => Dossiers = await ListMyDossiers.LoadAsync(db, actor, localizer, HttpContext.RequestAborted);
}
