using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace MotCua.Web.Platform.Http;

/// <summary>Bodies for empty error responses: ProblemDetails for APIs, a short Vietnamese page in the site's layout for people.</summary>
internal static class StatusPages
{
    private const string ViewPath = "/Platform/Http/StatusPage.cshtml";

    public sealed record View(string Title, IReadOnlyList<string> Messages);

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

    /// <summary>A page with the title and the messages, under the response's status, with the site's header and menu.</summary>
    public static async Task WriteHtmlAsync(HttpContext http, string title, IEnumerable<string> messages)
    {
        var services = http.RequestServices;
        var view = services.GetRequiredService<IRazorViewEngine>().GetView(null, ViewPath, isMainPage: true).EnsureSuccessful([]).View!;
        var actionContext = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var data = new ViewDataDictionary<View>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = new View(title, messages.ToList()) };
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        http.Response.ContentType = "text/html; charset=utf-8";
        await using var writer = new StreamWriter(http.Response.Body, leaveOpen: true);
        await view.RenderAsync(new ViewContext(actionContext, view, data, tempData, writer, new HtmlHelperOptions()));
        await writer.FlushAsync();
    }
}
