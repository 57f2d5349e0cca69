using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>DELETE /api/v1/auth/sessions/{handle}</c>: the user ends one of their sessions (a lost phone, a shared
/// computer). <c>DELETE /api/v1/users/{id}/sessions</c>: a system administrator ends all of someone's sessions.
/// The next request of an ended session is anonymous, on every node.</summary>
internal static class RevokeSession
{
    public static async Task<NoContent> Handle(string handle, ClaimsPrincipal principal, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        TimeProvider clock, SessionOptions options, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var session = (await ListSessions.OpenAsync(db, userId, clock, options, cancellationToken)).FirstOrDefault(s => ListSessions.HandleOf(s.Id) == handle)
            ?? throw ProblemException.NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(actor.Self, "session.revoked", "Account", userId.ToString(), new { Session = handle }, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == session.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> AllOfUser(Guid id, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            throw ProblemException.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(actor.Self, "session.revoked-all", "Account", id.ToString(), null, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DbTicketStore.RevokeAllAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
