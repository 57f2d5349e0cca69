using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Identity;

/// <summary><c>GET /api/v1/auth/sessions</c>: the user's open sessions, and <c>GET /api/v1/users/{id}/sessions</c>
/// for a system administrator. A session is named by a handle derived from its id: the id itself never leaves the server.</summary>
internal static class ListSessions
{
    public sealed record Response(string Handle, DateTime CreatedAt, DateTime LastSeenAt, string? IpAddress, string? UserAgent, bool Current);

    public static Task<Ok<List<Response>>> Handle(ClaimsPrincipal principal, MotCuaDbContext db, TimeProvider clock, SessionOptions options,
        CancellationToken cancellationToken) =>
        ForUser(Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!), principal, db, clock, options, cancellationToken);

    public static async Task<Ok<List<Response>>> ForUser(Guid id, ClaimsPrincipal principal, MotCuaDbContext db, TimeProvider clock, SessionOptions options,
        CancellationToken cancellationToken)
    {
        var current = principal.FindFirstValue(MotCuaClaims.Session);
        var sessions = await OpenAsync(db, id, clock, options, cancellationToken);
        return TypedResults.Ok(sessions
            .Select(s => new Response(HandleOf(s.Id), s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent, s.Id == current))
            .ToList());
    }

    public static async Task<List<UserSession>> OpenAsync(MotCuaDbContext db, Guid userId, TimeProvider clock, SessionOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - options.IdleTimeout;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.AbsoluteExpiry > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }

    public static string HandleOf(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(sessionId)).AsSpan(0, 12));
}
