using MotCua.Web.Identity;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>Inspections of reform work (kiểm tra công tác cải cách hành chính, issue 21 part 3): yearly plans, rounds, findings, corrections
/// and their follow-up. Readers need a role covering the parent unit; a supervisor covering it records.</summary>
internal static class InspectionsModule
{
    public static WebApplicationBuilder AddInspections(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Platform.Database.IStartupData, SeedDemoInspections>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/oversight/inspections").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        api.MapPost("/", CreateInspectionPlan.Handle).WithName("CreateInspectionPlan").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Ban hành kế hoạch kiểm tra công tác cải cách hành chính trong năm: các đơn vị trực thuộc được kiểm tra");
        api.MapGet("/{id:int}", GetInspectionPlan.Handle).WithName("GetInspectionPlan")
            .WithSummary("Kế hoạch kiểm tra của một năm: các đợt kiểm tra, kết quả, yêu cầu khắc phục và số liệu tổng hợp");
        api.MapPost("/{id:int}/rounds", AddInspectionRound.Handle).WithName("AddInspectionRound").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Ghi một đợt kiểm tra theo kế hoạch hoặc đột xuất: ngày, trưởng đoàn, các đơn vị được kiểm tra");
        api.MapPost("/{id:int}/rounds/{roundId:int}/findings", RecordInspectionFinding.Handle).WithName("RecordInspectionFinding")
            .RequireAuthorization(Policies.Supervisor)
            .WithSummary("Ghi kết quả kiểm tra một nội dung tại một đơn vị: đạt hoặc không đạt, kèm ghi chú");
        api.MapPost("/{id:int}/rounds/{roundId:int}/corrections", RequireInspectionCorrection.Handle).WithName("RequireInspectionCorrection")
            .RequireAuthorization(Policies.Supervisor)
            .WithSummary("Yêu cầu đơn vị khắc phục tồn tại, hạn chế trước một thời hạn");
        api.MapPost("/{id:int}/corrections/{correctionId:int}/completion", CompleteInspectionCorrection.Handle).WithName("CompleteInspectionCorrection")
            .RequireAuthorization(Policies.Supervisor)
            .WithSummary("Ghi nhận đơn vị đã khắc phục xong một yêu cầu, kèm ghi chú");
        return app;
    }
}
