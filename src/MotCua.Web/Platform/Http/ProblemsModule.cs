using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Platform.Http;

/// <summary>Every error leaves as RFC 9457 ProblemDetails with a stable <c>type</c> and a Vietnamese title.</summary>
internal static class ProblemsModule
{
    public const string TypePrefix = "urn:motcua:problem:";

    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (context.ProblemDetails.Type is null or "" || context.ProblemDetails.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                context.ProblemDetails.Type = TypePrefix + StatusCode(status);
                context.ProblemDetails.Title = localizer["Problem." + StatusCode(status)];
            }

            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static string StatusCode(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        429 => "TooManyRequests",
        >= 500 => "ServerError",
        _ => "BadRequest",
    };

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, ILogger<ProblemExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var problem = exception switch
            {
                ProblemException p => Build(p.Status, p.Code, Title(p), p.Detail, p.Errors),
                BadHttpRequestException { StatusCode: 413 } => Build(413, "payload-too-large", localizer["Problem.PayloadTooLarge"], null, null),
                BadHttpRequestException bad => Build(bad.StatusCode, "bad-request", localizer["Problem.MalformedRequest"], Describe(bad), null),
                JsonException => Build(400, "bad-request", localizer["Problem.MalformedRequest"], null, null),
                DbUpdateConcurrencyException => Build(409, "concurrent-change", localizer["Problem.ConcurrentChange"], null, null),
                DbUpdateException db when DatabaseModule.IsUniqueViolation(db) => Build(409, "duplicate", localizer["Problem.Duplicate"], null, null),
                _ => null,
            };
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled error on {Method} {Route}", httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
                problem = Build(500, "server-error", localizer["Problem.ServerError"], null, null);
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }

        private string Title(ProblemException problem) =>
            localizer[problem.TitleKey, problem.TitleArguments.Select(a => a is Enum e ? (object)localizer[e.GetType().Name + "." + e].Value : a).ToArray()];

        // The framework's message names the parameter and the expected type, and never echoes the value.
        private static string Describe(BadHttpRequestException exception) =>
            exception.InnerException is JsonException json ? $"JSON: {json.Path} {json.Message.Split('.')[0]}" : exception.Message;

        private static ProblemDetails Build(int status, string code, string title, string? detail, IDictionary<string, string[]>? errors)
        {
            var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
            problem.Status = status;
            problem.Type = TypePrefix + code;
            problem.Title = title;
            problem.Detail = detail;
            return problem;
        }
    }
}
