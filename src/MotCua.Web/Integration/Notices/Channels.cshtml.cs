using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Audit;
using MotCua.Web.Identity;

namespace MotCua.Web.Integration.Notices;

/// <summary><c>/tai-khoan/thong-bao</c>: the citizen's account page for the channels of their notices.</summary>
[Authorize(Policy = Policies.Citizen)]
internal sealed class ChannelsModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty] public bool Email { get; set; }
    [BindProperty] public bool Sms { get; set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync()
    {
        var current = await ChooseNoticeChannels.CurrentAsync(db, actor.UserId!.Value, HttpContext.RequestAborted);
        (Email, Sms) = (current.Email, current.Sms);
    }

    public async Task OnPostAsync()
    {
        await ChooseNoticeChannels.SaveAsync(db, actor, audit, clock, new ChooseNoticeChannels.Channels(Email, Sms), HttpContext.RequestAborted);
        Saved = true;
    }
}
