using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;

namespace MotCua.Web.Account;

/// <summary>Password step of the sign-in. Staff continue to the authenticator step.</summary>
[AllowAnonymous]
internal sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer,
    Microsoft.Extensions.Options.IOptions<CitizenIdentity.NationalIdentityOptions> nationalIdentity, IStringLocalizer<CitizenIdentityResource> nationalText) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    /// <summary>Why a sign-in through the national identity came back here (<see cref="CitizenIdentity.SignInWithNationalIdentity.Failures"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "vneid")] public string? NationalIdentityFailure { get; set; }

    public bool NationalIdentityOffered => nationalIdentity.Value.Enabled;

    public string NationalIdentityUrl => CitizenIdentity.SignInWithNationalIdentity.StartPath
        + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : "");

    public void OnGet()
    {
        if (NationalIdentityFailure is { } failure && CitizenIdentity.SignInWithNationalIdentity.Failures.Contains(failure))
        {
            Error = nationalText["SignIn.Error." + failure];
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(UserName) ? null : await Identity.SignIn.FindAsync(signIn.UserManager, UserName);
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(Password) || Password.Length > PasswordRules.Maximum)
        {
            Error = localizer["Identity.SignInFailed"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            Error = localizer["Identity.LockedOut"];
            return Page();
        }

        if (!result.Succeeded)
        {
            Error = localizer["Identity.SignInFailed"];
            return Page();
        }

        // A staff account without a second factor must set one up before it can do anything.
        if (user.Kind == AccountKind.Staff)
        {
            return RedirectToPage("/Account/SetupAuthenticator");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
