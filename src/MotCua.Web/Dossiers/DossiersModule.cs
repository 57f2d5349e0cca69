using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

internal static class DossiersModule
{
    public static WebApplicationBuilder AddDossiers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(DossierCodeOptions.Section).Get<DossierCodeOptions>() ?? new DossierCodeOptions());
        var files = builder.Configuration.GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions();
        files.Directory = Path.Combine(builder.Environment.ContentRootPath, files.Directory);
        builder.Services.AddSingleton(files);
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddScoped<DossierCodes>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tracking", TrackDossier.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.Tracking)
            .WithTags("Tracking").WithName("TrackDossier").WithSummary("Tra cứu hồ sơ theo mã hồ sơ và mã kiểm tra");
        return app;
    }
}
