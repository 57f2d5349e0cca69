using MotCua.Web.Identity;

namespace MotCua.Web.Oversight;

/// <summary>Oversight of the units (issue 21): Decision 766 rankings, staff performance, the reform index and inspections.</summary>
internal static class OversightModule
{
    public static IEndpointRouteBuilder MapOversight(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/oversight").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        api.MapGet("/decision766/ranking", RankDecision766.Handle).WithName("RankDecision766")
            .WithSummary("Xếp hạng các đơn vị trực thuộc theo Bộ chỉ số 766/QĐ-TTg, theo tháng hoặc quý");
        api.MapGet("/staff-performance", GetStaffPerformance.Handle).WithName("GetStaffPerformance")
            .WithSummary("Kết quả xử lý hồ sơ của từng cán bộ và tỷ lệ công chức Bộ phận Một cửa xếp loại hoàn thành xuất sắc, theo tháng hoặc năm");
        api.MapPost("/staff-evaluations", RecordStaffEvaluation.Handle).WithName("RecordStaffEvaluation")
            .WithSummary("Xếp loại chất lượng một cán bộ theo tháng hoặc năm (Nghị định 90/2020/NĐ-CP)");
        api.MapPost("/excellent-share-rules", RecordExcellentShareRule.Handle).WithName("RecordExcellentShareRule").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Ghi quy định của tỉnh về tỷ lệ tối đa xếp loại hoàn thành xuất sắc nhiệm vụ");
        return app;
    }
}
