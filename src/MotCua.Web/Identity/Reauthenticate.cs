using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/auth/reauthenticate</c>: the signed-in user proves again who they are, with the password
/// or a fresh authenticator code, and the session may make sensitive changes for a while (<see cref="RecentAuthentication"/>).
/// Failures count towards the account's lockout like failed sign-ins.</summary>
internal static class Reauthenticate
{
    public sealed record Request(string? Password, string? Code);

    public static async Task<NoContent> Handle(Request request, ClaimsPrincipal principal, SignInManager<AppUser> signIn, MotCuaDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await signIn.UserManager.GetUserAsync(principal) ?? throw ProblemException.Forbidden();
        if (!await ProveAsync(signIn, user, request.Password, request.Code))
        {
            throw await signIn.UserManager.IsLockedOutAsync(user)
                ? new ProblemException(403, "locked-out", "Identity.LockedOut")
                : new ProblemException(401, "reauthentication-failed", "Identity.ReauthenticationFailed");
        }

        await MarkSessionAsync(db, principal, user.Id, clock, cancellationToken);
        return TypedResults.NoContent();
    }

    public static Task MarkSessionAsync(MotCuaDbContext db, ClaimsPrincipal principal, Guid userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var session = principal.FindFirstValue(MotCuaClaims.Session);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.Where(s => s.Id == session && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AuthenticatedAt, now), cancellationToken);
    }

    public static async Task<bool> ProveAsync(SignInManager<AppUser> signIn, AppUser user, string? password, string? code)
    {
        var users = signIn.UserManager;
        if (!string.IsNullOrWhiteSpace(code) && user.TwoFactorEnabled)
        {
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal)))
            {
                await users.ResetAccessFailedCountAsync(user);
                return true;
            }

            await users.AccessFailedAsync(user);
            return false;
        }

        return password is { Length: > 0 and <= PasswordRules.Maximum }
            && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;
    }
}
