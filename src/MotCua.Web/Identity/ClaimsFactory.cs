using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Identity;

/// <summary>Puts the account kind, the display name and the unit-scoped roles into the sign-in ticket.</summary>
internal sealed class ClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, MotCuaDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MotCuaClaims.Kind, user.Kind.ToString()));
        identity.AddClaim(new Claim(MotCuaClaims.FullName, user.FullName));
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == user.Id)
            .Select(r => new RoleClaim(r.Role, r.Unit!.Code, r.Unit.Path))
            .ToListAsync();
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(MotCuaClaims.Role, role.ToString()));
        }

        return identity;
    }
}
