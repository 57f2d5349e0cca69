using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;

namespace MotCua.Web.Account;

/// <summary>The page form of <c>POST /api/v1/auth/reauthenticate</c>: a sensitive change sends the user here when the
/// session's last proof of identity is too old, and back to the change afterwards.</summary>
[Authorize]
internal sealed class ReauthenticateModel(SignInManager<AppUser> signIn, MotCuaDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!await Reauthenticate.ProveAsync(signIn, user, Password, Code))
        {
            Error = localizer[await signIn.UserManager.IsLockedOutAsync(user) ? "Identity.LockedOut" : "Identity.ReauthenticationFailed"];
            return Page();
        }

        await Reauthenticate.MarkSessionAsync(db, User, user.Id, clock, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/backoffice");
    }
}
