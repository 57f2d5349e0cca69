namespace MotCua.Web.Platform.Http;

/// <summary>Security headers on every response, and <c>no-store</c> on every dynamic one: back-office
/// pages and APIs carry personal data (OWASP ASVS V14.4). Endpoints that are public figures may opt in to
/// caching with <see cref="PublicCacheAttribute"/>.</summary>
internal static class SecurityHeaders
{
    private const string FormTargetKey = "MotCua.FormTarget";

    /// <summary>Lets the forms of this response lead to <paramref name="target"/>'s origin too, as the pay page's form does when it
    /// is answered with a redirect to the payment gateway (a browser applies <c>form-action</c> to the redirect as well).</summary>
    public static void AllowFormTarget(HttpContext context, Uri target)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        context.Items[FormTargetKey] = target.GetLeftPart(UriPartial.Authority);
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            var formAction = context.Items[FormTargetKey] is string origin ? "'self' " + origin : "'self'";
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action " + formAction;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            var isStatic = context.GetEndpoint() is null && context.Response.StatusCode == 200 && Path.HasExtension(context.Request.Path.Value);
            if (!isStatic && context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>() is null)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}

/// <summary>Marks a page or endpoint whose response holds no personal data and may be cached.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class PublicCacheAttribute : Attribute;
