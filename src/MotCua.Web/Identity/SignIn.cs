using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/auth/login</c>: password, then the authenticator code (or a recovery code)
/// in the same request. Pages use the two-step form at /account/login.</summary>
internal static class SignIn
{
    public sealed record Request(string? UserName, string? Password, string? Code, string? RecoveryCode);

    public sealed record Response(Guid Id, string UserName, string FullName, string Kind, bool SecondFactorPassed, IReadOnlyList<string> Roles);

    public static async Task<Ok<Response>> Handle(Request request, SignInManager<AppUser> signIn, MotCuaDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("userName", request.UserName, 256);
        errors.Required("password", request.Password, PasswordRules.Maximum);
        errors.ThrowIfAny();

        var user = await FindAsync(signIn.UserManager, request.UserName!);
        if (user is null || user.IsDisabled)
        {
            throw Failed();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            throw new ProblemException(403, "locked-out", "Identity.LockedOut");
        }

        if (!result.Succeeded)
        {
            throw Failed();
        }

        var mfa = false;
        if (user.TwoFactorEnabled)
        {
            mfa = await VerifySecondFactorAsync(signIn.UserManager, user, request);
            if (!mfa)
            {
                await signIn.UserManager.AccessFailedAsync(user);
                throw await signIn.UserManager.IsLockedOutAsync(user)
                    ? new ProblemException(403, "locked-out", "Identity.LockedOut")
                    : new ProblemException(401, "second-factor-required", "Identity.SecondFactorRequired");
            }

            await signIn.UserManager.ResetAccessFailedCountAsync(user);
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, mfa ? [new Claim("amr", "mfa")] : []);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id)
            .Select(r => r.Role.ToString() + "@" + r.Unit!.Code).ToListAsync();
        return TypedResults.Ok(new Response(user.Id, user.UserName!, user.FullName, user.Kind.ToString(), mfa, roles));
    }

    public static async Task<AppUser?> FindAsync(UserManager<AppUser> users, string login)
    {
        var trimmed = login.Trim();
        return await users.FindByNameAsync(trimmed)
            ?? await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == trimmed && u.Kind == AccountKind.Citizen);
    }

    private static async Task<bool> VerifySecondFactorAsync(UserManager<AppUser> users, AppUser user, Request request)
    {
        if (!string.IsNullOrWhiteSpace(request.Code))
        {
            var code = request.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        }

        return !string.IsNullOrWhiteSpace(request.RecoveryCode)
            && (await users.RedeemTwoFactorRecoveryCodeAsync(user, request.RecoveryCode.Trim())).Succeeded;
    }

    private static ProblemException Failed() => new(401, "sign-in-failed", "Identity.SignInFailed");
}
