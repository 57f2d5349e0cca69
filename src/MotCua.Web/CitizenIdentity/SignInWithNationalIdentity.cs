using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;

namespace MotCua.Web.CitizenIdentity;

/// <summary>
/// Citizen sign-in with the national identity: OpenID Connect Core 1.0 authorization code flow with PKCE (RFC 7636, S256).
/// <c>GET /account/vneid</c> sends the browser to the provider with a fresh state, nonce and code challenge, kept in a short-lived
/// encrypted cookie; <c>GET /account/vneid/callback</c> checks the state, redeems the code with its verifier, validates the id_token
/// (<see cref="IdTokenValidator"/>), links the account (<see cref="LinkNationalIdentity"/>) and opens the usual session. Every failure
/// (the provider down, the citizen cancelled, a state that does not match, a token that does not hold) ends on the sign-in page with
/// a Vietnamese message, never an error page; password sign-in never waits on the provider.
/// </summary>
internal static class SignInWithNationalIdentity
{
    public const string StartPath = "/account/vneid";
    public const string CallbackPath = "/account/vneid/callback";
    private const string CookieName = "motcua.vneid";
    private const string Purpose = "MotCua.CitizenIdentity.PendingSignIn";
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(10);

    /// <summary>What the sign-in page says; the query value <c>vneid</c> of <c>/account/login</c>.</summary>
    public static readonly string[] Failures = ["unavailable", "cancelled", "bad-state", "refused", "account", "off"];

    private sealed record Pending(string State, string Nonce, string Verifier, string? ReturnUrl);

    public static async Task<IResult> Start(string? returnUrl, HttpContext http, IdentityProviderClient provider, IOptions<NationalIdentityOptions> options,
        IDataProtectionProvider protection, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Failed("off");
        }

        ProviderMetadata metadata;
        try
        {
            metadata = await provider.MetadataAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is ProviderUnavailableException or ProviderRejectedException)
        {
            loggers.CreateLogger(typeof(SignInWithNationalIdentity)).LogWarning(exception, "National identity sign-in not started: {Reason}", exception.Message);
            return Failed("unavailable");
        }

        var pending = new Pending(Random(), Random(), Random(), IsLocal(returnUrl) ? returnUrl : null);
        http.Response.Cookies.Append(CookieName, Protector(protection).Protect(JsonSerializer.Serialize(pending), PendingFor), new CookieOptions
        {
            HttpOnly = true,
            // Lax: the provider's redirect back is a top-level GET from another site, which must carry it.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = StartPath,
            MaxAge = PendingFor,
        });
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = RedirectUri(http.Request),
            ["scope"] = settings.Scope,
            ["state"] = pending.State,
            ["nonce"] = pending.Nonce,
            // RFC 7636 §4.2: S256, the challenge is BASE64URL(SHA256(ASCII(verifier))).
            ["code_challenge"] = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(pending.Verifier))),
            ["code_challenge_method"] = "S256",
        };
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint, query));
    }

    public static async Task<IResult> Callback(string? code, string? state, string? error, string? iss, HttpContext http, IdentityProviderClient provider,
        IdTokenValidator validator, LinkNationalIdentity link, SignInManager<AppUser> signIn, CurrentActor actor, IDataProtectionProvider protection,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SignInWithNationalIdentity));
        var pending = Read(http, protection);
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = StartPath });
        // The state ties the answer to the sign-in this browser started (RFC 6749 §10.12): anything else is refused before the code is used.
        if (pending is null || state is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(pending.State)))
        {
            logger.LogWarning("National identity callback refused: no sign-in pending in this browser with that state");
            return Failed("bad-state");
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            logger.LogInformation("National identity sign-in ended by the provider: {Error}", error);
            return Failed(error == "access_denied" ? "cancelled" : "refused");
        }

        try
        {
            // RFC 9207: an issuer named in the answer must be ours (a mix-up with another provider otherwise).
            if (iss is not null && iss != (await provider.MetadataAsync(cancellationToken)).Issuer)
            {
                return Failed("bad-state");
            }

            var idToken = await provider.RedeemAsync(code, pending.Verifier, RedirectUri(http.Request), cancellationToken);
            var identity = await validator.ValidateAsync(idToken, pending.Nonce, cancellationToken);
            var user = await link.LinkAsync(identity, actor.UserId, cancellationToken);
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "vneid");
            var target = pending.ReturnUrl ?? "/";
            // A page of our own origin moves on, so that the session cookie (SameSite=Strict) rides on a same-site navigation.
            var encoded = System.Net.WebUtility.HtmlEncode(target);
            return Results.Content($"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={encoded}\">"
                + $"<title>MotCua</title></head><body><p><a href=\"{encoded}\">Tiếp tục</a></p></body></html>", "text/html; charset=utf-8");
        }
        catch (ProviderUnavailableException exception)
        {
            logger.LogWarning(exception, "National identity sign-in failed: the provider is unavailable");
            return Failed("unavailable");
        }
        catch (ProviderRejectedException exception)
        {
            logger.LogWarning("National identity sign-in refused: {Reason}", exception.Message);
            return Failed("refused");
        }
        catch (LinkRefusedException exception)
        {
            logger.LogWarning("National identity sign-in refused for the account: {Reason}", exception.Message);
            return Failed("account");
        }
    }

    private static Pending? Read(HttpContext http, IDataProtectionProvider protection)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Pending>(Protector(protection).Unprotect(value));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static IResult Failed(string reason) => Results.Redirect("/account/login?vneid=" + reason);

    private static string RedirectUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{CallbackPath}";

    private static string Random() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
