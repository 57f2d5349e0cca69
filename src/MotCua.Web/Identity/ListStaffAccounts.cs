using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Identity;

/// <summary>The staff accounts whose roles lie in the caller's units (for unit administrators).</summary>
internal static class ListStaffAccounts
{
    public sealed record Item(Guid Id, string UserName, string FullName, bool IsDisabled, bool TwoFactorEnabled, IReadOnlyList<string> Roles);

    public static async Task<List<Item>> QueryAsync(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var visibleRoles = UnitScope.Within(db.RoleAssignments.AsNoTracking(), r => r.Unit!.Path, actor.VisiblePaths);
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.Kind == AccountKind.Staff && visibleRoles.Any(r => r.UserId == u.Id))
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                u.IsDisabled,
                u.TwoFactorEnabled,
                Roles = u.Roles.Select(r => r.Role.ToString() + "@" + r.Unit!.Code).ToList(),
            })
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.Id, r.UserName!, r.FullName, r.IsDisabled, r.TwoFactorEnabled, r.Roles)).ToList();
    }
}
