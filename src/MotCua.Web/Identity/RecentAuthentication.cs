using System.Globalization;
using System.Security.Claims;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary>Marks a page or endpoint whose changes need a recent proof of identity (OWASP ASVS 5.0 V7.5.3 L3:
/// re-authenticate before sensitive account and configuration changes). Reads stay open.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class RequiresRecentAuthenticationAttribute : Attribute;

/// <summary>
/// Sensitive changes (user administration, units, calendars, the catalog, reorganisation) go through only within
/// <see cref="SessionOptions.ReauthenticationWindow"/> of the session's sign-in or of its last
/// <c>POST /api/v1/auth/reauthenticate</c>. Opt in with one line: <c>.RequireRecentAuthentication()</c> on an endpoint
/// or a group, or <c>[RequiresRecentAuthentication]</c> on a page model.
/// </summary>
internal static class RecentAuthentication
{
    public static TBuilder RequireRecentAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresRecentAuthenticationAttribute());

    /// <summary>After authorization: an API answers 401 <c>reauthentication-required</c>; a page sends the user to re-authenticate.</summary>
    public static WebApplication UseRecentAuthentication(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresRecentAuthenticationAttribute>() is not null
                && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
                && context.User.Identity?.IsAuthenticated == true
                && !IsRecent(context.User, context.RequestServices.GetRequiredService<TimeProvider>(), context.RequestServices.GetRequiredService<SessionOptions>()))
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
                {
                    context.Response.Redirect("/account/reauthenticate?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                    return;
                }

                throw new ProblemException(401, "reauthentication-required", "Identity.ReauthenticationRequired");
            }

            await next(context);
        });
        return app;
    }

    public static bool IsRecent(ClaimsPrincipal user, TimeProvider clock, SessionOptions options) =>
        DateTime.TryParse(user.FindFirstValue(MotCuaClaims.AuthenticatedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
        && clock.GetUtcNow().UtcDateTime - at < options.ReauthenticationWindow;
}
