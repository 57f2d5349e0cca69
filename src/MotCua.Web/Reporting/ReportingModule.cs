using MotCua.Web.Identity;
using MotCua.Web.Partners;

namespace MotCua.Web.Reporting;

/// <summary>Exact, reproducible period statistics (issue 7): maintained facts, drill-downs and the historical import.</summary>
internal static class ReportingModule
{
    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReportingOptions.Section).Get<ReportingOptions>() ?? new ReportingOptions());
        builder.Services.AddScoped<IPeriodReports, PeriodReports>();
        builder.Services.AddHostedService<FoldReportFacts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reporting").AllowPartners(PartnerScopes.ReportsRead);
        api.MapGet("/summary", GetReportSummary.Handle).WithName("GetReportSummary")
            .WithSummary("Số liệu giải quyết TTHC trong kỳ: tồn kỳ trước, tiếp nhận theo kênh, đã giải quyết trước/đúng/quá hạn, đang giải quyết, tỷ lệ");
        api.MapGet("/dossiers", ListReportDossiers.Handle).WithName("ListReportDossiers")
            .WithSummary("Danh sách hồ sơ tạo nên một số liệu của báo cáo; số hồ sơ bằng số liệu");
        app.MapPost("/api/v1/imports/dossiers", ImportDossiers.Handle).RequireAuthorization(Policies.Staff).WithTags("Reporting").WithName("ImportDossiers")
            .Accepts<List<ImportedDossier>>("application/json", "text/csv")
            .WithSummary("Nhập hồ sơ đã giải quyết trên hệ thống cũ (JSON hoặc CSV) kèm toàn bộ quá trình; tất cả hoặc không, báo lỗi từng dòng");
        return app;
    }
}
