using MotCua.Web.Identity;

namespace MotCua.Web.Workflow;

/// <summary>Processing of received dossiers through the procedure's internal process (issue 6).</summary>
internal static class WorkflowModule
{
    public static WebApplicationBuilder AddWorkflow(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DossierSteps>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dossiers/{code}").WithTags("Workflow").RequireAuthorization(Policies.Staff);
        api.MapPost("/start", StartProcessing.Handle).WithName("StartProcessing").WithSummary("Bộ phận Một cửa chuyển hồ sơ sang bước đầu của quy trình nội bộ");
        api.MapPost("/forward", ForwardDossier.Handle).WithName("ForwardDossier").WithSummary("Chuyển hồ sơ sang bước tiếp theo (bước cuối: trả về Bộ phận Một cửa)");
        api.MapPost("/send-back", SendBackDossier.Handle).WithName("SendBackDossier").WithSummary("Trả hồ sơ về bước trước, có lý do");
        api.MapPost("/assign", AssignDossier.Handle).WithName("AssignDossier").WithSummary("Phân công, phân công lại người xử lý bước hiện tại");
        api.MapPost("/return", ReturnDossierResult.Handle).WithName("ReturnDossierResult").WithSummary("Trả kết quả cho tổ chức, cá nhân");
        return app;
    }
}
