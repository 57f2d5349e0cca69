using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Dossiers.Online;

/// <summary>Online submissions waiting at the officer's desks, oldest first.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class QueueModel(MotCuaDbContext db, CurrentActor actor) : PageModel
{
    public List<ListOnlineQueue.Item> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await ListOnlineQueue.LoadAsync(db, actor, HttpContext.RequestAborted);
}
