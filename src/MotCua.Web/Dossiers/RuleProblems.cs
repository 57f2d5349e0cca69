using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>Turns a broken rule into the 409 a handler answers with, its title in Vietnamese.</summary>
internal sealed class RuleProblems(IStringLocalizer<SharedResource> localizer)
{
    public RuleConflict Conflict(RuleBroken broken) => new(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Type = ProblemsModule.TypePrefix + broken.Code,
        Title = localizer[broken.TitleKey, broken.TitleArguments.Select(a => a is Enum e ? (object)localizer[e.GetType().Name + "." + e].Value : a).ToArray()],
    });
}

/// <summary>
/// A 409 ProblemDetails in a handler's signature. Unlike <c>Conflict&lt;ProblemDetails&gt;</c>, which writes plain
/// <c>application/json</c>, it is written by the app's problem service, as the exception handler writes every other
/// problem: <c>application/problem+json</c>, with <c>instance</c> and <c>traceId</c>. The OpenAPI document lists it.
/// </summary>
internal sealed class RuleConflict(ProblemDetails problem)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    private const string ContentType = "application/problem+json";

    public ProblemDetails Value { get; } = problem;

    object IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status409Conflict;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = Value }))
        {
            // The client's Accept header ruled the problem writer out; the body is still the problem.
            await httpContext.Response.WriteAsJsonAsync(Value, (System.Text.Json.JsonSerializerOptions?)null, ContentType, httpContext.RequestAborted);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(ProblemDetails), [ContentType]));
    }
}
