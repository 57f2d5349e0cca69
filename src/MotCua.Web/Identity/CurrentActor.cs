using System.Security.Claims;
using MotCua.Web.Audit;

namespace MotCua.Web.Identity;

/// <summary>
/// What the signed-in user may see and do. A role reaches the subtree of its unit (unit paths are
/// materialised, e.g. <c>/000.00.00.H50/000.00.12.H50/</c>), so a commune officer stays in the commune,
/// a district supervisor sees its communes and a province supervisor sees everything.
/// </summary>
internal sealed class CurrentActor(IHttpContextAccessor accessor)
{
    private static readonly ClaimsPrincipal Anonymous = new();

    private ClaimsPrincipal? _rolesOf;
    private IReadOnlyList<RoleClaim>? _roles;

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? Anonymous;

    public Guid? UserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => User.FindFirstValue(MotCuaClaims.FullName) ?? User.Identity?.Name ?? "anonymous";

    /// <summary>The roles of the current principal, read from its claims once (a sign-in during the request replaces the principal).</summary>
    public IReadOnlyList<RoleClaim> Roles
    {
        get
        {
            var user = User;
            if (!ReferenceEquals(_rolesOf, user))
            {
                _roles = RoleClaim.All(user);
                _rolesOf = user;
            }

            return _roles!;
        }
    }

    public bool IsSystemAdmin => Roles.Any(r => r.Role == StaffRole.SystemAdmin);

    /// <summary>The unit subtrees a partner system (a machine client of the Partners module) may read; it holds no role.</summary>
    public IReadOnlyList<string> PartnerPaths => User.FindAll(MotCuaClaims.PartnerUnit).Select(c => c.Value).ToList();

    /// <summary>"Partner" for a partner system, recorded as the role of what it does.</summary>
    private string? PartnerKind => User.HasClaim(c => c.Type == MotCuaClaims.PartnerUnit) ? User.FindFirstValue(MotCuaClaims.Kind) : null;

    /// <summary>True when some role of the user (any of <paramref name="roles"/>, or any role) covers the unit; a partner
    /// system covers the units it may read, for reading only (no role asked).</summary>
    public bool Covers(string unitPath, params StaffRole[] roles) => Assignment(unitPath, roles) is not null
        || (roles.Length == 0 && PartnerPaths.Any(p => unitPath.StartsWith(p, StringComparison.Ordinal)));

    public RoleClaim? Assignment(string unitPath, params StaffRole[] roles) =>
        Roles.Where(r => roles.Length == 0 || roles.Contains(r.Role) || r.Role == StaffRole.SystemAdmin)
            .Where(r => r.Role == StaffRole.SystemAdmin || unitPath.StartsWith(r.UnitPath, StringComparison.Ordinal))
            .OrderByDescending(r => r.UnitPath.Length)
            .FirstOrDefault();

    /// <summary>The unit paths whose subtrees the user may read; null means everything.</summary>
    public IReadOnlyList<string>? VisiblePaths => IsSystemAdmin ? null : Roles.Select(r => r.UnitPath).Concat(PartnerPaths).Distinct().ToList();

    /// <summary>The actor recorded in history for an action on a unit, with the role that allowed it.</summary>
    public Actor ActingOn(string unitPath, params StaffRole[] roles)
    {
        var assignment = Assignment(unitPath, roles);
        return new Actor(UserId, Name, assignment?.Role.ToString() ?? PartnerKind, assignment?.UnitCode);
    }

    public Actor Self => new(UserId, Name, Roles.FirstOrDefault()?.Role.ToString() ?? User.FindFirstValue(MotCuaClaims.Kind), Roles.FirstOrDefault()?.UnitCode);
}
