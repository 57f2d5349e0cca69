using System.Security.Claims;

namespace MotCua.Web.Identity;

internal static class MotCuaClaims
{
    public const string Kind = "motcua:kind";
    public const string FullName = "motcua:name";
    public const string Role = "motcua:role";

    /// <summary>A unit path whose subtree a partner system may read (Partners module).</summary>
    public const string PartnerUnit = "motcua:partner_unit";

    /// <summary>Added by <see cref="DbTicketStore"/> on each request, never stored in the ticket: the session's id
    /// and when its user last proved who they are (round-trip UTC).</summary>
    public const string Session = "motcua:sid";
    public const string AuthenticatedAt = "motcua:auth_at";
}

/// <summary>A role assignment carried in the sign-in ticket: <c>Role|UnitCode|UnitPath</c>.</summary>
internal sealed record RoleClaim(StaffRole Role, string UnitCode, string UnitPath)
{
    public override string ToString() => $"{Role}|{UnitCode}|{UnitPath}";

    public static IReadOnlyList<RoleClaim> All(ClaimsPrincipal user) =>
        user.FindAll(MotCuaClaims.Role)
            .Select(c => c.Value.Split('|'))
            .Where(p => p.Length == 3 && Enum.TryParse<StaffRole>(p[0], out _))
            .Select(p => new RoleClaim(Enum.Parse<StaffRole>(p[0]), p[1], p[2]))
            .ToList();
}
