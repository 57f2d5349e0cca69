using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Privacy;

/// <summary>
/// Personal data (Law 91/2025/QH15, in force 1/1/2026; Decree 356/2025/NĐ-CP): the citizen's own data, its correction and
/// download, account deletion, retention and erasure of dossiers' personal data, and the log and report of staff reads.
/// </summary>
internal static class PrivacyModule
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new PrivacyOptions());
        builder.Services.AddScoped<PersonalDataLog>();
        builder.Services.AddHostedService<RetentionWatch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Personal data").RequireAuthorization(Policies.Citizen);
        me.MapGet("/personal-data", MyPersonalData.Download).WithName("DownloadMyPersonalData")
            .Produces<MyPersonalData.Export>(StatusCodes.Status200OK, "application/json").WithSummary("Tải về dữ liệu cá nhân của tôi (JSON)");
        me.MapPost("/profile", CorrectProfile.Handle).WithName("CorrectProfile").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Sửa họ tên của tài khoản");
        me.MapPost("/dossiers/{id:guid}/contact", CorrectDossierContact.Handle).WithName("CorrectDossierContact")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Sửa địa chỉ, số điện thoại, thư điện tử liên hệ của hồ sơ của tôi");
        me.MapPost("/delete", DeleteAccount.Handle).WithName("DeleteMyAccount").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Xóa tài khoản (khi không còn hồ sơ đang giải quyết)");

        app.MapPost("/api/v1/dossiers/{code}/owner", CorrectDossierOwner.Handle).WithTags("Personal data").WithName("CorrectDossierOwner")
            .RequireAuthorization(Policies.Staff).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Bộ phận Một cửa sửa thông tin chủ hồ sơ (kể cả họ tên, số giấy tờ) theo giấy tờ xuất trình, nêu lý do");

        app.MapPut("/api/v1/catalog/procedures/{code}/retention", SetRetention.Handle).WithTags("Personal data").WithName("SetRetention")
            .RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Thời hạn lưu trữ dữ liệu cá nhân của hồ sơ theo thủ tục (năm; null: mặc định)");

        var reads = app.MapGroup("/api/v1/personal-data/reads").WithTags("Personal data").RequireAuthorization(Policies.Supervisor);
        reads.MapGet("", ListPersonalDataReads.Handle).WithName("ListPersonalDataReads").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Ai đã xem dữ liệu cá nhân của hồ sơ nào trong một khoảng thời gian");
        app.MapGet("/api/v1/personal-data/reads.csv", ListPersonalDataReads.Csv).WithTags("Personal data").WithName("ExportPersonalDataReads")
            .RequireAuthorization(Policies.Supervisor).ProducesProblem(StatusCodes.Status400BadRequest).ProducesFile("text/csv")
            .WithSummary("Danh sách ai đã xem dữ liệu cá nhân của hồ sơ nào, dạng CSV");
        return app;
    }
}
