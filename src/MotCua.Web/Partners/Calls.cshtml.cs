using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary>The report of partners' calls (<see cref="ListPartnerCalls"/>): counts per client and status, and the calls.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
internal sealed class CallsModel(MotCuaDbContext db, TimeProvider clock, IStringLocalizer<PartnersResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? ClientId { get; set; }
    public ListPartnerCalls.Response? Report { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync()
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        From ??= today;
        To ??= today;
        await PageActions.RunAsync(async () => Report = await ListPartnerCalls.Handle(From, To, ClientId, db, clock, text, HttpContext.RequestAborted),
            Errors, text, field => text["Field." + field]);
    }
}
