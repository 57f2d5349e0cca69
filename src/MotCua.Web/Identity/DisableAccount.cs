using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/users/{id}/disable</c>: blocks the account and ends all its sessions at once.</summary>
internal static class DisableAccount
{
    public static async Task<NoContent> Handle(Guid id, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Unit).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound();
        // An administrator may disable only staff whose every role lies inside its own units.
        if (user.Kind != AccountKind.Staff || user.Roles.Count == 0 || !user.Roles.All(r => actor.Covers(r.Unit!.Path, StaffRole.UnitAdmin)))
        {
            throw ProblemException.Forbidden();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        user.IsDisabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await audit.RecordAsync(actor.ActingOn(user.Roles[0].Unit!.Path, StaffRole.UnitAdmin), "account.disabled", "Account", user.Id.ToString(),
            new { IsDisabled = false }, new { IsDisabled = true }, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DbTicketStore.RevokeAllAsync(db, user.Id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
