using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

internal sealed class PartnersOptions
{
    public const string Section = "MotCua:Partners";

    /// <summary>How long an access token lives. Short, since a partner asks for a new one with its credentials at any time.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Partner access (issue 20 part 2): machine clients such as the national portal, the provincial data-sharing platform
/// (LGSP) and ministry systems get OAuth 2.0 client-credentials tokens from MotCua, each limited to its scopes, its unit
/// subtrees and its rate; every call they make is logged.
/// </summary>
internal static class PartnersModule
{
    /// <summary>Chooses, per request, the partner bearer scheme or the session cookie.</summary>
    private const string Selector = "session-or-partner";

    private const string TokenEndpoint = "IssuePartnerToken";

    public static WebApplicationBuilder AddPartners(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Configuration.GetSection(PartnersOptions.Section).Get<PartnersOptions>() ?? new PartnersOptions());
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PartnerAuthenticationHandler>(PartnerAccess.Scheme, null)
            .AddPolicyScheme(Selector, null, options => options.ForwardDefaultSelector = http =>
                PartnerAuthenticationHandler.Carries(http.Request) ? PartnerAccess.Scheme : IdentityConstants.ApplicationScheme);
        // Signing in and out stays with the session cookie (the default scheme); reading a request, and refusing it, looks at a partner token first.
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultAuthenticateScheme = Selector;
            options.DefaultChallengeScheme = Selector;
            options.DefaultForbidScheme = Selector;
        });
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(PartnerAccess.Register);
        // Each client its own fixed window of its registered rate; one client's burst never takes another's permits.
        services.Configure<RateLimiterOptions>(options => options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            PartnerCallLog.Caller(http) is { } caller
                ? RateLimitPartition.GetFixedWindowLimiter($"partner:{caller.ClientId}:{caller.RatePerMinute}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = caller.RatePerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("")));
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer(DescribeScheme);
            options.AddOperationTransformer(DescribeOperation);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/oauth/token", IssueToken.Handle).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn)
            .WithTags("Partners").WithName(TokenEndpoint)
            .WithSummary("Cấp mã truy cập cho hệ thống đối tác (OAuth 2.0, client credentials)")
            .Produces<IssueToken.Error>(StatusCodes.Status400BadRequest).Produces<IssueToken.Error>(StatusCodes.Status401Unauthorized);

        var admin = app.MapGroup("/api/v1/partners").WithTags("Partners").RequireAuthorization(Policies.SystemAdmin);
        admin.MapGet("/", ListPartners.Handle).WithName("ListPartners").WithSummary("Các hệ thống đối tác đã đăng ký (không kèm khóa bí mật)");
        admin.MapPost("/", RegisterPartner.Handle).RequireRecentAuthentication().WithName("RegisterPartner")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Đăng ký hệ thống đối tác; khóa bí mật chỉ hiện một lần trong câu trả lời");
        admin.MapPost("/{clientId}/rotate-secret", ChangePartner.Rotate).RequireRecentAuthentication().WithName("RotatePartnerSecret")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Đổi khóa bí mật của hệ thống đối tác; các mã truy cập đã cấp hết hiệu lực");
        admin.MapPost("/{clientId}/disable", ChangePartner.Disable).RequireRecentAuthentication().WithName("DisablePartner")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Khóa hệ thống đối tác; các mã truy cập đã cấp hết hiệu lực");
        admin.MapGet("/calls", ListPartnerCalls.Handle).WithName("ListPartnerCalls").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Nhật ký các lần gọi của hệ thống đối tác trong một khoảng ngày");
        return app;
    }

    /// <summary>The OAuth 2.0 client-credentials scheme beside the session cookie, with the scopes a client may be granted.</summary>
    private static Task DescribeScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var text = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<PartnersResource>>();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[PartnerAccess.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Hệ thống đối tác (Cổng DVC quốc gia, LGSP, hệ thống của bộ, ngành) nhận mã truy cập bằng client credentials; mã có hạn ngắn, gửi trong header Authorization: Bearer.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/api/v1/oauth/token", UriKind.Relative),
                    Scopes = PartnerScopes.All.ToDictionary(s => s, s => text["Scope." + s].Value, StringComparer.Ordinal),
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>An operation open to partners accepts either the session or a partner token holding its scope. The token
    /// endpoint's 400 is the OAuth error of RFC 6749 §5.2, or the platform's problem for input that never reaches it (a
    /// body that is not a form, a dirty header).</summary>
    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<PartnerScope>().FirstOrDefault() is { } scope)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PartnerAccess.Scheme, context.Document)] = [scope.Scope] });
        }

        if (metadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == TokenEndpoint))
        {
            if (operation.Responses?.GetValueOrDefault("400") is OpenApiResponse { Content: { } content })
            {
                content["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document) };
            }

            // RFC 6749 §4.4.2 names the URL-encoded form only (IssueToken refuses a multipart one).
            (operation.RequestBody as OpenApiRequestBody)?.Content?.Remove("multipart/form-data");
        }

        return Task.CompletedTask;
    }
}
