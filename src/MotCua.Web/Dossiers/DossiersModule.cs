using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Partners;
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
        builder.Services.AddScoped<DossierNotices>();
        builder.Services.AddScoped<DossierDraft>();
        builder.Services.AddScoped<ReceiveDossier.Handler>();
        builder.Services.AddScoped<DeclineDossier>();
        builder.Services.AddScoped<DossierCommit>();
        builder.Services.AddScoped<RuleProblems>();
        builder.Services.AddScoped<DossierSlips>();
        builder.Services.AddOnlineDossiers();
        // Staff pages, except the citizen's own (Dossiers/Citizen), which name the Citizen policy themselves.
        builder.Services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AddFolderApplicationModelConvention("/Dossiers", model =>
            {
                if (!model.ViewEnginePath.StartsWith("/Dossiers/Citizen/", StringComparison.Ordinal))
                {
                    model.EndpointMetadata.Add(new AuthorizeAttribute(Policies.Staff));
                }
            }));
        return builder;
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dossiers").WithTags("Dossiers");
        api.MapPost("/", ReceiveDossier.Handle).RequireAuthorization(Policies.Staff).WithName("ReceiveDossier")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Tiếp nhận hồ sơ (trực tiếp, bưu chính); header Idempotency-Key chống tạo trùng");
        api.MapGet("/{code}", GetDossier.Handle).AllowPartners(PartnerScopes.DossiersRead).WithName("GetDossier").WithSummary("Thông tin hồ sơ, kèm phiên bản (version) mà mọi thao tác cần").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/tracking", TrackDossier.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.Tracking)
            .WithTags("Tracking").WithName("TrackDossier").WithSummary("Tra cứu hồ sơ theo mã hồ sơ và mã kiểm tra")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapOnlineDossiers();
        return app;
    }
}
