using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Portal;

/// <summary>Public tracking. The slip's QR code opens this page with the code filled in (<c>?ma=</c>); the check value is typed, never in the address.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Tracking)]
internal sealed class TrackModel(MotCuaDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Check { get; set; }
    public TrackDossier.Response? Result { get; private set; }
    public bool Missing { get; private set; }

    public void OnGet([FromQuery(Name = "ma")] string? code) => Code = code;

    public async Task OnPostAsync()
    {
        Result = await TrackDossier.FindAsync(new TrackDossier.Request(Code, Check), db, localizer, HttpContext.RequestAborted);
        Missing = Result is null;
        Check = null;
    }
}
