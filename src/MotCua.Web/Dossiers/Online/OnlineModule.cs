using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>Online submission by citizens, the desk's check of it, and the citizen's own dossiers.</summary>
internal static class OnlineModule
{
    public static IServiceCollection AddOnlineDossiers(this IServiceCollection services) => services
        .AddScoped<SubmitOnline.Handler>()
        .AddScoped<CheckOnline.Handler>()
        .AddScoped<ResubmitOnline.Handler>();

    public static IEndpointRouteBuilder MapOnlineDossiers(this IEndpointRouteBuilder app)
    {
        var online = app.MapGroup("/api/v1/online-dossiers").WithTags("Online dossiers");
        online.MapPost("/", SubmitOnline.Handle).RequireAuthorization(Policies.Citizen).DisableAntiforgery().WithName("SubmitOnline")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(OnlineUploads.MaxRequestBytes))
            .Accepts<SubmitOnline.Request>("application/json", "multipart/form-data")
            .Produces<SubmitOnline.Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Nộp hồ sơ trực tuyến (công dân)")
            .WithDescription("JSON, hoặc multipart/form-data: phần `dossier` chứa JSON, mỗi tệp trong trường `component-{chỉ số thành phần}`. "
                + "Hồ sơ chờ Bộ phận Một cửa kiểm tra (trạng thái 1), chưa có mã hồ sơ.");
        online.MapGet("/", ListOnlineQueue.Handle).RequireAuthorization(Policies.Staff).WithName("ListOnlineQueue")
            .WithSummary("Hồ sơ trực tuyến chờ tiếp nhận tại các bộ phận một cửa của cán bộ");
        online.MapGet("/{id:guid}", GetOnlineDossier.ForStaff).RequireAuthorization(Policies.Staff).WithName("GetOnlineDossier").WithSummary("Hồ sơ nộp trực tuyến chờ tiếp nhận")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The desk's check: 404 outside the officer's units, 403 without the desk role there; the dossier's refusals are 409.
        var check = online.MapGroup("/{id:guid}").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        check.MapPost("/receive", CheckOnline.Receive).WithName("ReceiveOnline")
            .WithSummary("Tiếp nhận hồ sơ trực tuyến: cấp mã hồ sơ, tính ngày hẹn trả từ thời điểm này");
        check.MapPost("/ask-completion", CheckOnline.AskCompletion).WithName("AskCompletionOnline").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Yêu cầu bổ sung, hoàn thiện hồ sơ trực tuyến (kèm lý do)");
        check.MapPost("/refuse", CheckOnline.Refuse).WithName("RefuseOnline").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Từ chối tiếp nhận hồ sơ trực tuyến (kèm lý do)");

        var mine = app.MapGroup("/api/v1/my-dossiers").WithTags("Online dossiers");
        mine.MapGet("/", ListMyDossiers.Handle).RequireAuthorization(Policies.Citizen).WithName("ListMyDossiers").WithSummary("Hồ sơ của tôi");
        mine.MapGet("/{id:guid}", GetOnlineDossier.ForOwner).RequireAuthorization(Policies.Citizen).WithName("GetMyDossier").WithSummary("Hồ sơ của tôi");
        mine.MapPost("/{id:guid}/resubmit", ResubmitOnline.Handle).RequireAuthorization(Policies.Citizen).DisableAntiforgery().WithName("ResubmitOnline")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(OnlineUploads.MaxRequestBytes))
            .Accepts<object>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Bổ sung tệp và nộp lại hồ sơ được yêu cầu hoàn thiện");

        // Staff of the dossier's units or the citizen who submitted it; the handler checks which.
        app.MapGet("/api/v1/dossiers/{id:guid}/files/{fileId:guid}", DownloadDossierFile.Handle).RequireAuthorization().WithTags("Dossiers")
            .WithName("DownloadDossierFile").WithSummary("Tải tệp của hồ sơ (đính kèm)")
            .ProducesFile(FileStore.ContentTypes);
        return app;
    }
}
