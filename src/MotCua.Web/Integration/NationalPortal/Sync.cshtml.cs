using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary><c>/backoffice/dong-bo-cong-quoc-gia</c>: the system administrator follows the sync with the national portal and re-sends dead letters.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
internal sealed class SyncModel(MotCuaDbContext db, NationalPortalOptions options, CurrentActor actor, AuditTrail audit, TimeProvider clock,
    IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tinh-trang")] public DeliveryStatus? Status { get; set; }

    public ListPortalSync.PortalSyncResponse Sync { get; private set; } = new(false, new Dictionary<DeliveryStatus, int>(), 0, []);
    public long? Resent { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => Sync = await ListPortalSync.QueryAsync(db, options, Status, HttpContext.RequestAborted);

    public async Task OnPostResendAsync(long id)
    {
        var failed = await PageActions.RunAsync(() => ResendPortalMessage.Handle(id, db, actor, audit, clock, HttpContext.RequestAborted), Errors, shared);
        if (failed is { } status)
        {
            Response.StatusCode = status;
        }
        else
        {
            Resent = id;
        }

        db.ChangeTracker.Clear();
        await OnGetAsync();
    }
}
