using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Integration.Notices;

/// <summary><c>/backoffice/thong-bao</c>: the system administrator sees each notice's delivery and re-sends dead letters.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
internal sealed class DeliveriesModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
    IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tinh-trang")] public DeliveryStatus? Status { get; set; }

    public ListDeliveries.Response Deliveries { get; private set; } = new(new Dictionary<DeliveryStatus, int>(), []);
    public long? Resent { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => Deliveries = await ListDeliveries.QueryAsync(db, Status, HttpContext.RequestAborted);

    public async Task OnPostResendAsync(long id)
    {
        var failed = await PageActions.RunAsync(() => ResendNotice.Handle(id, db, actor, audit, clock, HttpContext.RequestAborted), Errors, shared);
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
