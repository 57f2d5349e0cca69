using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary>
/// <c>POST /api/v1/oauth/token</c>: the OAuth 2.0 client credentials grant (RFC 6749 §4.4). The client authenticates
/// with HTTP Basic (<c>client_secret_basic</c>, §2.3.1) or with <c>client_id</c> and <c>client_secret</c> in the form
/// (<c>client_secret_post</c>), never both (§2.3); <c>scope</c> may narrow the client's scopes (§3.3). Errors are the
/// JSON of §5.2, and no answer may be cached (§5.1).
/// </summary>
internal static class IssueToken
{
    public const string TokenPrefix = "mct_";

    public sealed record Response(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);

    /// <summary>An error of RFC 6749 §5.2: <c>invalid_request</c>, <c>invalid_client</c>, <c>unsupported_grant_type</c> or <c>invalid_scope</c>.</summary>
    public sealed record Error(
        [property: JsonPropertyName("error")] string Code,
        [property: JsonPropertyName("error_description")] string Description);

    public static async Task<Results<Ok<Response>, JsonHttpResult<Error>>> Handle(
        [FromForm(Name = "grant_type")] string? grantType, [FromForm(Name = "scope")] string? scope,
        [FromForm(Name = "client_id")] string? clientId, [FromForm(Name = "client_secret")] string? clientSecret,
        HttpContext http, MotCuaDbContext db, TimeProvider clock, PartnersOptions options, IStringLocalizer<PartnersResource> text,
        CancellationToken cancellationToken)
    {
        // §4.4.2: the request is application/x-www-form-urlencoded (a multipart form binds too, but is not the protocol).
        if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Problem.UnsupportedMediaType");
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var basic = http.Request.Headers.Authorization.ToString();
        if (basic.Length > 0 && (clientId is not null || clientSecret is not null))
        {
            return Fail(400, "invalid_request", text["Token.TwoMethods"]);
        }

        var (id, secret) = basic.Length > 0 ? ReadBasic(basic) : (clientId, clientSecret);
        var client = string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) || id.Length > 60 ? null
            : await db.PartnerClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == id, cancellationToken);
        if (client is null || !client.Enabled || !client.HasSecret(secret!))
        {
            // §5.2: a failed client authentication answers 401 and names the scheme the client may use.
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"MotCua\"";
            if (client is not null)
            {
                PartnerCallLog.Watch(http, new PartnerCaller(client.Id, client.ClientId, client.RatePerMinute));
            }

            return Fail(401, "invalid_client", text["Token.InvalidClient"]);
        }

        PartnerCallLog.Watch(http, new PartnerCaller(client.Id, client.ClientId, client.RatePerMinute));
        if (string.IsNullOrEmpty(grantType))
        {
            return Fail(400, "invalid_request", text["Token.NoGrantType"]);
        }

        if (grantType != "client_credentials")
        {
            return Fail(400, "unsupported_grant_type", text["Token.UnsupportedGrant"]);
        }

        var requested = string.IsNullOrWhiteSpace(scope) ? client.ScopeList : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (requested.FirstOrDefault(s => !client.ScopeList.Contains(s, StringComparer.Ordinal)) is { } refused)
        {
            return Fail(400, "invalid_scope", text["Token.InvalidScope", refused.Length > 40 ? refused[..40] : refused]);
        }

        var token = TokenPrefix + PartnerClient.Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var granted = string.Join(' ', requested);
        db.PartnerTokens.Add(new PartnerToken
        {
            TokenHash = PartnerClient.Hash(token),
            PartnerClientId = client.Id,
            Scopes = granted,
            SecretVersion = client.SecretVersion,
            IssuedAt = now,
            ExpiresAt = now + options.TokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(token, "Bearer", (int)options.TokenLifetime.TotalSeconds, granted));
    }

    private static JsonHttpResult<Error> Fail(int status, string code, string description) =>
        TypedResults.Json(new Error(code, description), statusCode: status);

    /// <summary>RFC 6749 §2.3.1: the id and the secret are form-encoded, joined by a colon, then Base64-encoded.</summary>
    private static (string? Id, string? Secret) ReadBasic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
