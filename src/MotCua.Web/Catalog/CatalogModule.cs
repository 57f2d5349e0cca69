using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>The procedure catalog: versioned procedures, internal processes, providers, and its public listing.
/// Other modules use it through <see cref="IProcedureCatalog"/>.</summary>
internal static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Catalog", Policies.Staff));
        builder.Services.AddSingleton(builder.Configuration.GetSection(IntakeCacheOptions.Section).Get<IntakeCacheOptions>() ?? new IntakeCacheOptions());
        builder.Services.AddSingleton<IntakeCache>();
        builder.Services.AddScoped<IProcedureCatalog, ProcedureCatalog>();
        builder.Services.AddSingleton<CatalogSearchIndex>();
        // The search index learns of committed catalog changes from the DbContext itself.
        builder.Services.ConfigureDbContext<MotCuaDbContext>((services, db) => db.AddInterceptors(services.GetRequiredService<CatalogSearchIndex>()));
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/procedures").WithTags("Procedures").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        open.MapGet("/", SearchProcedures.Handle).WithName("SearchProcedures")
            .WithSummary("Search the procedures in force today")
            .WithDescription("q: words, with or without Vietnamese diacritics (name matches first); level: Province|District|Commune; "
                + "domain: a domain code (e.g. HT); unitCode: a providing unit; online: None|Partial|Full; page: from 1 (20 a page). Bad values answer 400.");
        open.MapGet("/{code}", GetProcedure.Handle).WithName("GetProcedure")
            .WithSummary("The version of a procedure in force today, with every public field, its providers and form links");
        open.MapGet("/{code}/forms/{id:int}", DownloadForm.Handle).WithName("DownloadProcedureForm")
            .WithSummary("Download a form template (as an attachment)").ProducesFile(UploadForm.MediaTypes);

        var api = app.MapGroup("/api/v1/catalog").WithTags("Catalog").RequireAuthorization(Policies.Staff).RequireRecentAuthentication().AddEndpointFilter<CatalogProblems>();
        api.MapGet("/procedures", ListCatalog.Handle).WithName("ListCatalog").WithSummary("Danh mục thủ tục để quản trị (mọi phiên bản)");
        api.MapGet("/procedures/{code}", GetCatalogProcedure.Handle).WithName("GetCatalogProcedure").WithSummary("Thủ tục hành chính với các phiên bản, quy trình và đơn vị cung cấp");
        api.MapPost("/procedures", CreateProcedure.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("CreateProcedure").WithSummary("Tạo thủ tục hành chính");
        api.MapPut("/procedures/{code}/versions/{number:int}", SaveDraft.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("SaveDraft").WithSummary("Lưu bản nháp một phiên bản thủ tục");
        api.MapPost("/procedures/{code}/versions/{number:int}/publish", PublishVersion.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("PublishVersion").WithSummary("Công bố một phiên bản thủ tục");
        api.MapPost("/procedures/{code}/versions/{number:int}/components/{order:int}/form", UploadForm.Handle)
            .RequireAuthorization(Policies.UnitAdmin).DisableAntiforgery().WithName("UploadForm").WithSummary("Tải lên mẫu đơn, tờ khai của một thành phần hồ sơ")
            .WithMetadata(new RequestSizeLimitAttribute(UploadForm.MaxBytes));
        api.MapPost("/procedures/{code}/amend", AmendProcedure.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("AmendProcedure").WithSummary("Sửa đổi thủ tục: mở phiên bản mới");
        api.MapPost("/procedures/{code}/abolish", AbolishProcedure.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("AbolishProcedure").WithSummary("Bãi bỏ thủ tục");
        api.MapGet("/procedures/{code}/processes/{unitCode}", SaveProcess.Get).WithName("GetProcess").WithSummary("Quy trình nội bộ của thủ tục tại một đơn vị");
        api.MapPut("/procedures/{code}/processes/{unitCode}", SaveProcess.Put).RequireAuthorization(Policies.UnitAdmin).WithName("SaveProcess").WithSummary("Lưu quy trình nội bộ của thủ tục tại một đơn vị");
        api.MapPut("/procedures/{code}/providers/{unitCode}", SetProvider.Add).RequireAuthorization(Policies.UnitAdmin).WithName("AddProvider").WithSummary("Giao đơn vị cung cấp thủ tục");
        api.MapDelete("/procedures/{code}/providers/{unitCode}", SetProvider.Remove).RequireAuthorization(Policies.UnitAdmin).WithName("RemoveProvider").WithSummary("Thôi giao đơn vị cung cấp thủ tục");
        api.MapGet("/domains", SaveDomain.List).WithName("ListDomains").WithSummary("Danh sách lĩnh vực");
        api.MapPut("/domains/{code}", SaveDomain.Put).RequireAuthorization(Policies.SystemAdmin).WithName("SaveDomain").WithSummary("Lưu một lĩnh vực");
        api.MapGet("/export", ExportProcedures.Handle).WithName("ExportProcedures").WithSummary("Xuất danh mục thủ tục")
            .ProducesFile("application/json", "text/csv");
        api.MapPost("/import", ImportProcedures.Handle).RequireAuthorization(Policies.UnitAdmin).DisableAntiforgery().WithName("ImportProcedures").WithSummary("Nhập danh mục thủ tục")
            .WithMetadata(new RequestSizeLimitAttribute(ImportProcedures.MaxBytes));
        return app;
    }
}
