using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Privacy;

/// <summary>
/// <c>POST /api/v1/me/profile</c>: the citizen corrects the name on their account. The phone number or email they sign in
/// with is the account's key and is not changed here. The history names the field, not the values.
/// </summary>
internal static class CorrectProfile
{
    public sealed record Request(string? FullName);

    public sealed record Response(string FullName);

    public static async Task<Ok<Response>> Handle(Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("fullName", request.FullName, 200);
        errors.ThrowIfAny();
        var me = actor.UserId ?? throw ProblemException.NotFound();
        var user = await db.Users.FirstAsync(u => u.Id == me, cancellationToken);
        var name = request.FullName!.Trim();
        if (user.FullName != name)
        {
            user.FullName = name;
            await audit.RecordAsync(actor.Self, "account.profile-corrected", nameof(AppUser), me.ToString(), null, new { Fields = new[] { "fullName" } },
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new Response(name));
    }
}

/// <summary>
/// <c>POST /api/v1/me/delete</c> (with the password): deletes the citizen's account, its sign-ins and sessions. Law
/// 91/2025/QH15, Art. 14 lets the data subject have their data deleted, except where a law requires it kept: a dossier is
/// an administrative record kept for its retention period (Privacy/PurgeExpiredPersonalData), so the dossiers stay, no
/// longer reachable from any account, and an account whose dossier is still being handled cannot be deleted until it ends.
/// </summary>
internal static class DeleteAccount
{
    public sealed record Request(string? Password);

    public static async Task<NoContent> Handle(Request request, HttpContext http, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        await DeleteAsync(request.Password, db, actor, audit, users, localizer, cancellationToken);
        await signIn.SignOutAsync();
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.NoContent();
    }

    public static async Task DeleteAsync(string? password, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, UserManager<AppUser> users,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var me = actor.UserId ?? throw ProblemException.NotFound();
        var user = await users.FindByIdAsync(me.ToString()) ?? throw ProblemException.NotFound();
        if (user.Kind != AccountKind.Citizen)
        {
            throw ProblemException.Forbidden();
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            new FieldErrors(localizer).Add("password", "Privacy.WrongPassword").ThrowIfAny();
        }

        if (await db.Dossiers.AnyAsync(d => d.CitizenAccountId == me && d.ClosedAt == null, cancellationToken))
        {
            throw ProblemException.Conflict("dossier-in-progress", "Privacy.DossierInProgress");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == me).ExecuteDeleteAsync(cancellationToken);
        // The history keeps that the account was deleted, by its owner, without who they were.
        await audit.RecordAsync(new Actor(me, "citizen", nameof(AccountKind.Citizen), null), "account.deleted", nameof(AppUser), me.ToString(), null, null,
            cancellationToken);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("Account deletion failed: " + string.Join(", ", deleted.Errors.Select(e => e.Code)));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
