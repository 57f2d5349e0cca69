using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Demo;
using MotCua.Web.Identity;

namespace MotCua.Web.Account;

/// <summary>Authenticator (TOTP) or recovery-code step. With demo data on, the page shows the demo code.</summary>
[AllowAnonymous]
internal sealed class LoginWith2faModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer, IConfiguration configuration, TimeProvider clock)
    : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public string? DemoCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ShowDemoCode();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var result = !string.IsNullOrWhiteSpace(RecoveryCode)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync((Code ?? "").Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : user.Kind == AccountKind.Staff ? "/backoffice" : "/");
        }

        Error = localizer[result.IsLockedOut ? "Identity.LockedOut" : "Identity.BadCode"];
        ShowDemoCode();
        return Page();
    }

    private void ShowDemoCode()
    {
        if (configuration.GetValue<bool>("MotCua:Demo:ShowTotpCode"))
        {
            DemoCode = Totp.Code(DemoSeeder.TotpSecret, clock.GetUtcNow());
        }
    }
}
