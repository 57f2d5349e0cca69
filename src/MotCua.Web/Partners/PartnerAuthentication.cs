using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Partners;

/// <summary>
/// The <c>partner</c> bearer scheme (RFC 6750): finds the token by its hash and admits it while it is unexpired, not
/// revoked, of an enabled client and of the client's current secret. A partner token opens only the operations marked
/// open to partners; elsewhere it is refused with 403, so that the "any signed-in user" operations stay the people's.
/// </summary>
internal sealed class PartnerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    MotCuaDbContext db, TimeProvider clock, IStringLocalizer<PartnersResource> text)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";
    private const string ClosedKey = "partner.closed";

    private sealed record Found(int ClientPk, string ClientId, string Name, string Scopes, int RatePerMinute, DateTime ExpiresAt, DateTime? RevokedAt,
        bool Enabled, bool CurrentSecret, List<string> Paths);

    /// <summary>True when the request carries a partner token (the other bearer tokens, e.g. the metrics scraper's, are not ours).</summary>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith(Prefix + IssueToken.TokenPrefix, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Carries(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = PartnerClient.Hash(Request.Headers.Authorization.ToString()[Prefix.Length..].Trim());
        var found = await db.PartnerTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => new Found(t.PartnerClientId, t.Client!.ClientId, t.Client.Name, t.Scopes, t.Client.RatePerMinute, t.ExpiresAt, t.RevokedAt,
                t.Client.Enabled, t.SecretVersion == t.Client.SecretVersion, t.Client.Units.Select(u => u.Unit!.Path).ToList()))
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("unknown token");
        }

        PartnerCallLog.Watch(Context, new PartnerCaller(found.ClientPk, found.ClientId, found.RatePerMinute));
        if (found.ExpiresAt <= clock.GetUtcNow().UtcDateTime || found.RevokedAt is not null || !found.Enabled || !found.CurrentSecret)
        {
            return AuthenticateResult.Fail("expired or revoked token");
        }

        if (PartnerAccess.ScopeOf(Context) is null)
        {
            Context.Items[ClosedKey] = true;
            return AuthenticateResult.Fail("operation not open to partners");
        }

        List<Claim> claims =
        [
            new(MotCuaClaims.Kind, PartnerAccess.Kind),
            new(MotCuaClaims.FullName, found.Name),
            new(PartnerAccess.ClientClaim, found.ClientId),
            .. found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(PartnerAccess.ScopeClaim, s)),
            .. found.Paths.Select(p => new Claim(MotCuaClaims.PartnerUnit, p)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, MotCuaClaims.FullName, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>401: no valid token (RFC 6750 §3.1, <c>invalid_token</c>); 403 where partners may not go.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.Items.ContainsKey(ClosedKey)
            ? WriteAsync(StatusCodes.Status403Forbidden, "insufficient_scope", text["Problem.NotOpenToPartners"])
            : WriteAsync(StatusCodes.Status401Unauthorized, "invalid_token", text["Problem.InvalidToken"]);

    /// <summary>403 for a token without the operation's scope (RFC 6750 §3.1, <c>insufficient_scope</c>).</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "insufficient_scope", text["Problem.MissingScope", PartnerAccess.ScopeOf(Context) ?? ""]);

    private async Task WriteAsync(int status, string error, string detail)
    {
        var scope = PartnerAccess.ScopeOf(Context);
        Response.StatusCode = status;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"MotCua\", error=\"{error}\"" + (status == 403 && scope is not null ? $", scope=\"{scope}\"" : "");
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}

/// <summary>The client behind a partner token, known before authorization and rate limiting run.</summary>
internal sealed record PartnerCaller(int ClientPk, string ClientId, int RatePerMinute);

/// <summary>
/// Records every call of a known partner (its token found, valid or not, or its credentials accepted at the token
/// endpoint): client, the scope the operation asks, method and path, the answer's status and the server time. The row is
/// written as the response starts, so the status is final and the row exists before the partner reads the answer; it goes
/// through its own unit of work, so a failed request's abandoned changes never ride along.
/// </summary>
internal static class PartnerCallLog
{
    private const string CallerKey = "partner.caller";

    public static PartnerCaller? Caller(HttpContext http) => http.Items.TryGetValue(CallerKey, out var caller) ? caller as PartnerCaller : null;

    public static void Watch(HttpContext http, PartnerCaller caller)
    {
        if (!http.Items.TryAdd(CallerKey, caller))
        {
            return;
        }

        http.Response.OnStarting(async () =>
        {
            var services = http.RequestServices;
            try
            {
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
                db.PartnerCalls.Add(new PartnerCall
                {
                    PartnerClientId = caller.ClientPk,
                    ClientId = caller.ClientId,
                    Scope = PartnerAccess.ScopeOf(http),
                    Method = http.Request.Method,
                    Path = http.Request.Path.Value is { Length: > 400 } path ? path[..400] : http.Request.Path.Value ?? "/",
                    Status = http.Response.StatusCode,
                    At = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The answer is already decided (and its work committed): the missing row is logged, not turned into a failure.
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerCallLog))
                    .LogError(exception, "The call of partner {ClientId} to {Path} was not logged", caller.ClientId, http.Request.Path.Value);
            }
        });
    }
}
