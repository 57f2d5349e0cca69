using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Feedback;

/// <summary>Feedback and petitions on administrative regulations (phản ánh, kiến nghị; Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP).</summary>
internal static class FeedbackModule
{
    /// <summary>Petitions a minute per client address on the portal; a flood is turned away before it reaches the database.</summary>
    public const string RateLimit = "petitions";

    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PetitionOptions>().Bind(builder.Configuration.GetSection(PetitionOptions.Section))
            .Validate(o => o.HandleWithinWorkingDays > 0 && o.PerAddressPerMinute > 0, "MotCua:Petitions: days and limits must be positive").ValidateOnStart();
        builder.Services.AddScoped<SubmitPetition.Handler>();
        builder.Services.AddScoped<Reporting.Outputs.IDecision766Source, FeedbackSatisfactionShare>();
        var perMinute = builder.Configuration.GetValue($"{PetitionOptions.Section}:{nameof(PetitionOptions.PerAddressPerMinute)}", new PetitionOptions().PerAddressPerMinute);
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(RateLimit, context => RateLimits.Window(context, RateLimit, perMinute)));
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AllowAnonymousToFolder("/Feedback"));
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var petitions = app.MapGroup("/api/v1/petitions").WithTags("Petitions");
        petitions.MapPost("/", SubmitPetition.FromPortal).AllowAnonymous().RequireRateLimiting(RateLimit).WithName("SubmitPetition")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Gửi phản ánh, kiến nghị trên Cổng (khiếu nại về kết quả hồ sơ: kèm mã hồ sơ và mã kiểm tra)");
        petitions.MapPost("/intake", SubmitPetition.AtDesk).RequireAuthorization(Policies.Staff).WithName("RecordPetition")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Cán bộ ghi nhận phản ánh, kiến nghị tại quầy hoặc qua đường dây nóng");
        petitions.MapGet("/", ListPetitions.Handle).RequireAuthorization(Policies.Staff).WithName("ListPetitions")
            .WithSummary("Phản ánh, kiến nghị của các đơn vị của cán bộ (overdue=true: quá hạn)");
        petitions.MapGet("/statistics", PetitionFigures.Handle).RequireAuthorization(Policies.Staff).WithName("GetPetitionStatistics")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Số liệu kỳ: tiếp nhận, trả lời đúng hạn, trễ hạn, đang xử lý");
        petitions.MapGet("/published", ListPublishedAnswers.Handle).AllowAnonymous().RequireRateLimiting(Platform.Http.RateLimits.Public)
            .WithName("ListPublishedPetitionAnswers").WithSummary("Kết quả trả lời phản ánh, kiến nghị được công khai");
        petitions.MapPost("/{reference}/assign", AssignPetition.Handle).RequireAuthorization(Policies.Staff).WithName("AssignPetition")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Phân loại, giao xử lý, tính hạn theo ngày làm việc");
        petitions.MapPost("/{reference}/answer", AnswerPetition.Handle).RequireAuthorization(Policies.Staff).WithName("AnswerPetition")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Trả lời; công khai nội dung không có thông tin cá nhân khi người gửi đồng ý");
        var mine = app.MapGroup("/api/v1/me/petitions").WithTags("Petitions");
        mine.MapGet("/", ListMyPetitions.Handle).RequireAuthorization(Policies.Citizen).WithName("ListMyPetitions")
            .WithSummary("Phản ánh, kiến nghị do tài khoản công dân gửi");
        mine.MapPost("/{reference}/rating", RatePetitionAnswer.Handle).RequireAuthorization(Policies.Citizen).WithName("RatePetitionAnswer")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Người gửi đánh giá kết quả trả lời: hài lòng hoặc không hài lòng (một lần)");
        return app;
    }
}
