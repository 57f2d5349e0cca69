using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Account;

/// <summary>Enrols an authenticator app (TOTP) and hands out ten single-use recovery codes.</summary>
[Authorize]
internal sealed class SetupAuthenticatorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, MotCuaDbContext db, AuditTrail audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public string SharedKey { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public string? Error { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = localizer["Identity.BadCode"];
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await audit.RecordAsync(new Actor(user.Id, user.FullName, null, null), "account.mfa-enabled", "Account", user.Id.ToString(), null, null, HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // The new session must come from a sign-in that passed the second factor.
        await signIn.SignOutAsync();
        return Page();
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        SharedKey = grouped.ToString().TrimEnd().ToLowerInvariant();
        Uri = $"otpauth://totp/MotCua:{System.Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=MotCua&digits=6";
    }
}
