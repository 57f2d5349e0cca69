using Microsoft.Extensions.Options;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>What the period figures become for people (issue 7): xlsx exports, the tracking ledger, dashboards, the public
/// disclosure page and Decision 766 scoring. The figures themselves come from <see cref="IPeriodReports"/>.</summary>
internal static class ReportingOutputsModule
{
    public static WebApplicationBuilder AddReportingOutputs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Decision766Options>().Bind(builder.Configuration.GetSection(Decision766Options.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Decision766Options>, ValidateDecision766Options>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingOutputs(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.Staff);
        api.MapGet("/ledger.xlsx", ExportTrackingLedger.Handle).WithName("ExportTrackingLedger")
            .WithSummary("Sổ theo dõi hồ sơ (mẫu 06 Thông tư 01/2018, mẫu 07 Thông tư 03/2025) dạng Excel").ProducesFile(Xlsx.ContentType);
        api.MapGet("/summary.xlsx", ExportPeriodReport.Handle).WithName("ExportPeriodReport")
            .WithSummary("Báo cáo tình hình, kết quả giải quyết TTHC theo kỳ (cùng lựa chọn như báo cáo tổng hợp) dạng Excel")
            .ProducesFile(Xlsx.ContentType);
        api.MapGet("/periodic-tthc", ExportPeriodicTthcReport.Handle).WithName("GetPeriodicTthcReport")
            .WithSummary("Báo cáo định kỳ tình hình, kết quả giải quyết TTHC (biểu 06a/VPCP/KSTT) theo đơn vị và lĩnh vực, dữ liệu cho hệ thống báo cáo");
        api.MapGet("/periodic-tthc.xlsx", ExportPeriodicTthcReport.HandleXlsx).WithName("ExportPeriodicTthcReport")
            .WithSummary("Báo cáo định kỳ tình hình, kết quả giải quyết TTHC (biểu 06a/VPCP/KSTT) dạng Excel").ProducesFile(Xlsx.ContentType);
        api.MapGet("/decision766", GetDecision766.Handle).WithName("GetDecision766")
            .WithSummary("Chấm điểm theo Quyết định 766/QĐ-TTg cho đơn vị và kỳ: từng nhóm, từng tiêu chí với số liệu, ngưỡng và điểm");
        return app;
    }
}
