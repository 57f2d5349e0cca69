using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace MotCua.Web.Platform.Http;

/// <summary>Bodies for empty error responses: ProblemDetails for APIs, a short Vietnamese page for people.</summary>
internal static class StatusPages
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var wantsHtml = !http.Request.Path.StartsWithSegments("/api")
            && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsHtml)
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
            return;
        }

        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var title = WebUtility.HtmlEncode(localizer["Problem." + ProblemsModule.StatusCode(http.Response.StatusCode)]);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
            $"<body><main class=\"container\"><h1>{title}</h1><p><a href=\"/\">{WebUtility.HtmlEncode(localizer["Nav.Home"])}</a></p></main></body></html>");
    }
}
