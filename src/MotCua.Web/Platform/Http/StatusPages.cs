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
        if (!WantsHtml(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
            return;
        }

        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        await WriteHtmlAsync(http, localizer["Problem." + ProblemsModule.StatusCode(http.Response.StatusCode)], []);
    }

    public static bool WantsHtml(HttpRequest request) => !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>A short page with the title and the messages, under the response's status.</summary>
    public static async Task WriteHtmlAsync(HttpContext http, string title, IEnumerable<string> messages)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var heading = WebUtility.HtmlEncode(title);
        var items = string.Concat(messages.Select(m => "<li>" + WebUtility.HtmlEncode(m) + "</li>"));
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{heading}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
            $"<body><main class=\"container\"><h1>{heading}</h1>{(items.Length > 0 ? "<ul>" + items + "</ul>" : "")}" +
            $"<p><a href=\"/\">{WebUtility.HtmlEncode(localizer["Nav.Home"])}</a></p></main></body></html>");
    }
}
