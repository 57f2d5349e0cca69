using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>The provincial reform index (Chỉ số CCHC, issue 21 part 1): the yearly criteria tree, self-assessment with evidence, appraisal,
/// finalisation, ranking and the lost-points report.</summary>
internal static class ParIndexModule
{
    /// <summary>The largest request that attaches evidence files, through the API or the scorecard's form.</summary>
    public const long MaxEvidenceRequestBytes = 64 * 1024 * 1024;

    public static WebApplicationBuilder AddParIndex(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ParIndexCards>();
        builder.Services.AddSingleton<Platform.Database.IStartupData, SeedDemoParIndex>();
        return builder;
    }

    public static IEndpointRouteBuilder MapParIndex(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/oversight/par-index/frameworks").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        api.MapPost("/", SaveParIndexFramework.Create).WithName("CreateParIndexFramework").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Ban hành Bộ chỉ số cải cách hành chính của tỉnh cho một năm: lĩnh vực, tiêu chí, tiêu chí thành phần, điểm tối đa và cách chấm");
        api.MapGet("/{id:int}", SaveParIndexFramework.Get).WithName("GetParIndexFramework").WithSummary("Bộ chỉ số cải cách hành chính của một năm");
        api.MapPost("/{id:int}/copies", CopyParIndexFramework.Handle).WithName("CopyParIndexFramework")
            .WithSummary("Sao chép Bộ chỉ số sang một năm khác của cùng tỉnh");
        api.MapGet("/{id:int}/results", RankParIndex.Handle).WithName("RankParIndex")
            .WithSummary("Kết quả và xếp hạng Chỉ số cải cách hành chính của các đơn vị cùng loại: tổng điểm, từng lĩnh vực, tăng giảm so với năm trước");
        api.MapGet("/{id:int}/units/{unitCode}", GetParIndexCard.Handle).WithName("GetParIndexCard")
            .WithSummary("Phiếu điểm Chỉ số cải cách hành chính của một đơn vị và các tiêu chí bị trừ điểm, lý do");
        var criterion = api.MapGroup("/{id:int}/units/{unitCode}/criteria/{code}");
        criterion.MapPut("/self-assessment", SelfAssessParCriterion.Handle).WithName("SelfAssessParCriterion")
            .WithSummary("Đơn vị tự đánh giá, chấm điểm một tiêu chí (kèm giải trình)");
        criterion.MapPost("/evidence", SelfAssessParCriterion.AttachEvidence).WithName("AttachParEvidence").DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxEvidenceRequestBytes))
            .Accepts<object>("multipart/form-data")
            .Produces<SelfAssessParCriterion.ParScoreResponse>()
            .WithSummary("Đính kèm tài liệu kiểm chứng cho điểm tự đánh giá (trường `version`, tệp trong trường `files`)");
        criterion.MapGet("/evidence/{evidenceId:guid}", SelfAssessParCriterion.DownloadEvidence).WithName("DownloadParEvidence")
            .ProducesFile(FileStore.ContentTypes).WithSummary("Tải tài liệu kiểm chứng");
        criterion.MapPut("/appraisal", AppraiseParCriterion.Handle).WithName("AppraiseParCriterion")
            .WithSummary("Sở Nội vụ thẩm định, điều chỉnh điểm một tiêu chí (kèm nhận xét)");
        api.MapPost("/{id:int}/finalisation", FinaliseParIndex.Finalise).WithName("FinaliseParIndex")
            .WithSummary("Chốt kết quả Chỉ số cải cách hành chính của năm: không thay đổi điểm được nữa");
        api.MapPost("/{id:int}/publication", FinaliseParIndex.Publish).WithName("PublishParIndex")
            .WithSummary("Công bố kết quả, xếp hạng Chỉ số cải cách hành chính đã chốt");
        return app;
    }
}
