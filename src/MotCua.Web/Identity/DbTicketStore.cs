using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Identity;

internal sealed class SessionOptions
{
    public const string Section = "MotCua:Sessions";

    /// <summary>Back-office sessions end after this idle time (15 minutes, OWASP ASVS 5.0 V7.3.1 L2).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in or re-authentication lets sensitive actions through (see <see cref="RecentAuthentication"/>).</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Keeps authentication tickets in the database, encrypted with data protection.
/// Every store is a new random session id, so sign-in always rotates the session.</summary>
internal sealed class DbTicketStore(IServiceScopeFactory scopes, TimeProvider clock, SessionOptions options, IDataProtectionProvider protection,
    IHttpContextAccessor http) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("MotCua.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = http.HttpContext;
        var session = new UserSession
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            UserId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!),
            CreatedAt = now,
            LastSeenAt = now,
            AbsoluteExpiry = now + options.AbsoluteLifetime,
            AuthenticatedAt = now,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = request?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
            Ticket = Protect(ticket),
        };
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == key && s.RevokedAt == null);
        if (session is not null)
        {
            session.Ticket = Protect(ticket);
            session.LastSeenAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        // Every authenticated request comes here: one primary-key read, compiled, nothing tracked.
        var session = await Current(db, key);
        var now = clock.GetUtcNow().UtcDateTime;
        if (session is null || session.RevokedAt is not null || now >= session.AbsoluteExpiry || now - session.LastSeenAt >= options.IdleTimeout)
        {
            return null;
        }

        // Write the last-seen time at most once a minute: reads stay cheap.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }

        var ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        if (ticket?.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(MotCuaClaims.Session, key));
            identity.AddClaim(new Claim(MotCuaClaims.AuthenticatedAt, DateTime.SpecifyKind(session.AuthenticatedAt, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return ticket;
    }

    // The per-request claims come from the row each time; a stored copy would go stale.
    private byte[] Protect(AuthenticationTicket ticket)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in identity.Claims.Where(c => c.Type is MotCuaClaims.Session or MotCuaClaims.AuthenticatedAt).ToList())
            {
                identity.RemoveClaim(claim);
            }
        }

        return _protector.Protect(TicketSerializer.Default.Serialize(ticket));
    }

    private sealed record SessionRow(DateTime? RevokedAt, DateTime AbsoluteExpiry, DateTime LastSeenAt, DateTime AuthenticatedAt, byte[] Ticket);

    private static readonly Func<MotCuaDbContext, string, Task<SessionRow?>> Current = EF.CompileAsyncQuery((MotCuaDbContext db, string key) =>
        db.UserSessions.AsNoTracking().Where(s => s.Id == key)
            .Select(s => new SessionRow(s.RevokedAt, s.AbsoluteExpiry, s.LastSeenAt, s.AuthenticatedAt, s.Ticket)).FirstOrDefault());

    public async Task RemoveAsync(string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        await db.UserSessions.Where(s => s.Id == key && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow().UtcDateTime));
    }

    public static Task RevokeAllAsync(MotCuaDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
}

internal sealed class ConfigureSessionStore(DbTicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
