using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Platform.Http;

/// <summary>Every error leaves as RFC 9457 ProblemDetails with a stable <c>type</c> and a Vietnamese title.</summary>
internal static partial class ProblemsModule
{
    public const string TypePrefix = "urn:motcua:problem:";

    /// <summary>The problem's member that carries the request's correlation id.</summary>
    public const string TraceIdField = "traceId";

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
            // The same id is in the error log, so that a citizen's screenshot leads to the log line.
            context.ProblemDetails.Extensions[TraceIdField] = CorrelationId(context.HttpContext);
            context.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => CleanInput.Apply(options.SerializerOptions));
        return builder;
    }

    /// <summary>The request's correlation id: its trace id when tracing is on, else the server's request id.</summary>
    public static string CorrelationId(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;

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
        503 => "ServiceUnavailable",
        >= 500 => "ServerError",
        _ => "BadRequest",
    };

    /// <summary>The framework's refusal of a route, query or header value names the parameter (after its type).</summary>
    [GeneratedRegex("""^(?:Failed to bind parameter|Required parameter) "(?:[^"]* )?(?<name>[^" ]+)"(?<missing> was not provided)?""", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, ILogger<ProblemExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (DatabaseOutage.IsOutage(exception))
            {
                logger.LogWarning(exception, "Database unreachable on {Method} {Route} (correlation id {CorrelationId})", httpContext.Request.Method,
                    Route(httpContext), CorrelationId(httpContext));
                DatabaseOutage.ForgetConnections();
                httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds;
            }

            var problem = exception switch
            {
                _ when DatabaseOutage.IsOutage(exception) => Build(503, "service-unavailable", localizer["Problem.ServiceUnavailable"], null, null),
                ProblemException p => Build(p.Status, p.Code, Title(p), p.Detail, p.Errors),
                BadHttpRequestException { StatusCode: 413 } => Build(413, "payload-too-large", localizer["Problem.PayloadTooLarge"], null, null),
                BadHttpRequestException { InnerException: JsonException json } when Field(json) is { } field => Invalid(field, Message(json)),
                BadHttpRequestException bad when BoundParameter().Match(bad.Message) is { Success: true } bound =>
                    Invalid(bound.Groups["name"].Value, localizer[bound.Groups["missing"].Success ? "Validation.Required" : "Validation.InvalidValue"]),
                BadHttpRequestException bad => Build(bad.StatusCode, "bad-request", localizer["Problem.MalformedRequest"], Describe(bad), null),
                JsonException json when Field(json) is { } field => Invalid(field, Message(json)),
                JsonException => Build(400, "bad-request", localizer["Problem.MalformedRequest"], null, null),
                DbUpdateConcurrencyException => Build(409, "concurrent-change", localizer["Problem.ConcurrentChange"], null, null),
                DbUpdateException db when DatabaseModule.IsUniqueViolation(db) => Build(409, "duplicate", localizer["Problem.Duplicate"], null, null),
                _ => null,
            };
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled error on {Method} {Route} (correlation id {CorrelationId})", httpContext.Request.Method,
                    Route(httpContext), CorrelationId(httpContext));
                problem = Build(500, "server-error", localizer["Problem.ServerError"], null, null);
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            if (StatusPages.WantsHtml(httpContext.Request))
            {
                await StatusPages.WriteHtmlAsync(httpContext, problem.Title!, problem is ValidationProblemDetails invalid ? invalid.Errors.SelectMany(e => e.Value) : []);
                return true;
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }

        /// <summary>The route template of the failed request (<c>/api/v1/dossiers/{code}/start</c>), or its path when none matched.
        /// The exception handler runs after the endpoint has been cleared, so it is read from the handler's feature.</summary>
        private static string Route(HttpContext httpContext) =>
            httpContext.Features.Get<IExceptionHandlerFeature>() is { } failure
                ? (failure.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? failure.Endpoint?.DisplayName ?? failure.Path
                : httpContext.Request.Path.Value ?? "";

        private string Title(ProblemException problem) =>
            localizer[problem.TitleKey, problem.TitleArguments.Select(a => a is Enum e ? (object)localizer[e.GetType().Name + "." + e].Value : a).ToArray()];

        /// <summary>
        /// The field a JSON value was refused for, as the client wrote its path (<c>owner.idType</c>), or null when the
        /// body itself is malformed (the reader's error comes wrapped) or no field is named.
        /// </summary>
        private static string? Field(JsonException json) =>
            json.InnerException is JsonException || json.Path is null or "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path[1..];

        private string Message(JsonException json) =>
            json is InvalidFieldException rule ? localizer[rule.MessageKey, rule.Arguments] : localizer["Validation.InvalidValue"];

        private ProblemDetails Invalid(string field, string message) =>
            Build(400, "validation", localizer["Problem.Validation"], null, new Dictionary<string, string[]> { [field] = [message] });

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
