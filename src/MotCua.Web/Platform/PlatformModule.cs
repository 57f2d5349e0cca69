using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using MotCua.Web.Platform.Files;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Platform.Observability;
using MotCua.Web.Platform.Signing;

namespace MotCua.Web.Platform;

/// <summary>What every module relies on: errors, localisation, security, limits, logs, metrics, health, OpenAPI and pages.</summary>
internal static class PlatformModule
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options => options.UseUtcTimestamp = true);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddProblems();
        builder.AddLocalizationModule();
        builder.AddRateLimits();
        builder.AddProxies();
        builder.AddScanning();
        builder.AddSigning();
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddOptions<Http.BreakerOptions>().Bind(builder.Configuration.GetSection(Http.BreakerOptions.Section));
        builder.Services.AddSingleton(typeof(Http.OutsideBreaker<>));
        // Nested request and response records share short names (Request, Response): the outer type keeps each schema unique.
        builder.Services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = type =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer ? outer.Name + id : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer(CleanInput.DescribeSchema);
            ApiContract.Describe(options);
        });
        builder.Services.AddApiContract();
        // Vietnamese letters go out as themselves, not as &#x...; escapes.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "motcua.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(options =>
        {
            // Pages live in their module's folder (STYLE.md), so the page root is the project root.
            // Each module authorises its own folder (e.g. CatalogModule); the public ones are open to all.
            options.RootDirectory = "/";
            options.Conventions.AllowAnonymousToFolder("/Portal");
            options.Conventions.AllowAnonymousToFolder("/Shared");
        }).AddViewLocalization().AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.Services.GetRequiredService<MetricsCollector>();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusPages.WriteAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseCleanInput();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Health, metrics (for those holding <paramref name="operationsPolicy"/>), the OpenAPI document and its browser, and the pages.</summary>
    public static WebApplication MapPlatform(this WebApplication app, string operationsPolicy)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = Scanning.WriteReadiness }).AllowAnonymous();
        app.MapGet("/metrics", (MetricsCollector metrics) => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4"))
            .RequireAuthorization(operationsPolicy).ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "MotCua v1");
            options.RoutePrefix = "api-docs";
        });
        app.MapRazorPages();
        return app;
    }
}
