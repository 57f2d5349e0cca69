using MotCua.Web.Identity;

namespace MotCua.Web.Workflow;

/// <summary>Processing of received dossiers through the procedure's internal process (issue 6).</summary>
internal static class WorkflowModule
{
    public static WebApplicationBuilder AddWorkflow(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton((builder.Configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions()).Validated());
        builder.Services.AddScoped<DossierSteps>();
        builder.Services.AddScoped<WorkflowNotices>();
        builder.Services.AddScoped<AttachResults.Handler>();
        builder.Services.AddScoped<ProcessingSlips>();
        builder.Services.AddHostedService<DeadlineWatch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/inbox/{kind}", ListInbox.Handle).RequireAuthorization(Policies.Staff).WithTags("Workflow").WithName("ListInbox")
            .WithSummary("Hộp hồ sơ: mine (được giao), office (chờ phân công), due-soon (sắp đến hạn), overdue (quá hạn), waiting (chờ người nộp bổ sung hoặc thực hiện nghĩa vụ tài chính); sắp theo hạn, phân trang keyset");
        var api = app.MapGroup("/api/v1/dossiers/{code}").WithTags("Workflow").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/control-slip", GetControlSlip.Handle).WithName("GetControlSlip").WithSummary("Phiếu kiểm soát quá trình giải quyết hồ sơ (dữ liệu)");

        // Every action takes the version the caller saw and checks the caller's role over the dossier; the dossier's own refusals are 409.
        var actions = api.MapGroup("").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        actions.MapPost("/start", StartProcessing.Handle).WithName("StartProcessing").WithSummary("Bộ phận Một cửa chuyển hồ sơ sang bước đầu của quy trình nội bộ");
        actions.MapPost("/forward", ForwardDossier.Handle).WithName("ForwardDossier").WithSummary("Chuyển hồ sơ sang bước tiếp theo (bước cuối: trả về Bộ phận Một cửa)")
            // The leader's approval signs the PDF results; a signature that cannot be made leaves the dossier as it was.
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        actions.MapPost("/send-back", SendBackDossier.Handle).WithName("SendBackDossier").WithSummary("Trả hồ sơ về bước trước, có lý do");
        actions.MapPost("/assign", AssignDossier.Handle).WithName("AssignDossier").WithSummary("Phân công, phân công lại người xử lý bước hiện tại");
        actions.MapPost("/results", AttachResults.Handle).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AttachResults.MaxRequestBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithName("AttachResults").WithSummary("Đính kèm giấy tờ kết quả điện tử (multipart: version, files)");
        actions.MapPost("/return", ReturnDossierResult.Handle).WithName("ReturnDossierResult").WithSummary("Trả kết quả cho tổ chức, cá nhân");
        actions.MapPost("/supplement-request", RequestSupplement.Handle).WithName("RequestSupplement")
            .WithSummary("Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02): dừng tính thời hạn");
        actions.MapPost("/supplement-received", ReceiveSupplement.Handle).WithName("ReceiveSupplement")
            .WithSummary("Nhận hồ sơ bổ sung: thời hạn tính lại từ đầu hoặc tính tiếp, theo quy định của thủ tục");
        actions.MapPost("/payment-request", FinancialObligation.Request).WithName("RequestPayment")
            .WithSummary("Yêu cầu thực hiện nghĩa vụ tài chính (phí, lệ phí, thuế): dừng tính thời hạn, trừ thủ tục tính cả thời gian này");
        actions.MapPost("/payment-confirmed", FinancialObligation.Confirm).WithName("ConfirmPayment")
            .WithSummary("Xác nhận đã thực hiện nghĩa vụ tài chính (số biên lai): hồ sơ trở lại bước đang xử lý, thời hạn tính tiếp");
        actions.MapPost("/extend", ExtendDueDate.Handle).WithName("ExtendDueDate").WithSummary("Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04), một lần");
        actions.MapPost("/transfer/accept", AnswerTransfer.Accept).WithName("AcceptTransfer").WithSummary("Cơ quan phối hợp nhận hồ sơ liên thông");
        actions.MapPost("/transfer/reject", AnswerTransfer.Reject).WithName("RejectTransfer").WithSummary("Cơ quan phối hợp từ chối hồ sơ liên thông, nêu lý do");
        actions.MapPost("/decline", EndDossier.Decline).WithName("DeclineDossier").WithSummary("Từ chối giải quyết, nêu rõ lý do");
        actions.MapPost("/stop", EndDossier.Stop).WithName("StopDossier").WithSummary("Dừng xử lý theo đề nghị của tổ chức, cá nhân (Thông tư 03/2025)");
        actions.MapPost("/withdraw", EndDossier.Withdraw).WithName("WithdrawDossier").WithSummary("Rút hồ sơ theo đề nghị của tổ chức, cá nhân");
        return app;
    }
}
