using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>The register of decisions announcing procedures, and Decision 766 annex 1.1 and 1.2 from it. Registered after the demo, whose
/// catalog its demo decisions announce.</summary>
internal static class PublicationDecisionsModule
{
    public static WebApplicationBuilder AddPublicationDecisions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicationOptions>().BindConfiguration(PublicationOptions.Section)
            .Validate(o => o.IssueBeforeEffectWorkingDays > 0 && o.PubliciseWithinWorkingDays > 0, PublicationOptions.Section + ": the working days must be positive")
            .ValidateOnStart();
        builder.Services.AddScoped<IDecision766Source, PublicationOnTimeShares>();
        builder.Services.AddSingleton<Platform.Database.IStartupData, SeedDemoPublicationDecisions>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPublicationDecisions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/catalog/publication-decisions").WithTags("Catalog").RequireAuthorization(Policies.Staff)
            .AddEndpointFilter<CatalogProblems>();
        api.MapGet("/", ListPublicationDecisions.Handle).WithName("ListPublicationDecisions")
            .WithSummary("Quyết định công bố danh mục thủ tục hành chính, với thời hạn công bố và công khai");
        api.MapPost("/", RecordPublicationDecision.Handle).RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication()
            .WithName("RecordPublicationDecision").WithSummary("Ghi nhận quyết định công bố danh mục thủ tục hành chính");
        api.MapPost("/{id:int}/publicised", RecordPublicising.Handle).RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication()
            .WithName("RecordPublicising").WithSummary("Ghi nhận ngày công khai trên Cơ sở dữ liệu quốc gia về thủ tục hành chính");
        return app;
    }
}
