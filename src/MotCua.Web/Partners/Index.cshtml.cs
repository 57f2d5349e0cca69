using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary>The registry of partner systems: register one, rotate its secret (shown once), disable it.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
[RequiresRecentAuthentication]
internal sealed class IndexModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<PartnersResource> text,
    IStringLocalizer<SharedResource> shared) : PageModel
{
    public List<ListPartners.Item> Clients { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }

    /// <summary>The secret just made, with its client: shown on this answer only.</summary>
    public (string ClientId, string Secret)? Secret { get; private set; }

    public async Task OnGetAsync() => Clients = await ListPartners.Handle(db, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRegisterAsync(string? clientId, string? name, PartnerKind? kind, List<string>? scopes, string? unitCodes, int? ratePerMinute)
    {
        var request = new RegisterPartner.Request(clientId, name, kind, scopes ?? [],
            (unitCodes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries), ratePerMinute);
        await RunAsync(async () =>
        {
            var created = await RegisterPartner.Handle(request, db, actor, audit, clock, text, HttpContext.RequestAborted);
            Secret = (created.Value!.ClientId, created.Value.ClientSecret);
        });
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(string clientId)
    {
        await RunAsync(async () =>
        {
            var rotated = await ChangePartner.Rotate(clientId, db, actor, audit, HttpContext.RequestAborted);
            Secret = (rotated.Value!.ClientId, rotated.Value.ClientSecret);
        });
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string clientId)
    {
        await RunAsync(() => ChangePartner.Disable(clientId, db, actor, audit, HttpContext.RequestAborted));
        return Page();
    }

    private async Task RunAsync(Func<Task> action)
    {
        if (await PageActions.RunAsync(action, Errors, shared, field => text["Field." + field]) is null)
        {
            Message = text["Clients.Saved"];
        }

        db.ChangeTracker.Clear();
        await OnGetAsync();
    }
}
