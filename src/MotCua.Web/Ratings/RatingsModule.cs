using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Ratings;

/// <summary>Satisfaction ratings of finished dossiers (issue 18): online, from the return notice and on the counter tablet; results and flags.</summary>
internal static class RatingsModule
{
    /// <summary>Rating requests a minute per client address; a flood is turned away before it reaches the database.</summary>
    public const string RateLimit = "ratings";

    public static WebApplicationBuilder AddRatings(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddJsonFile(Path.Combine(builder.Environment.ContentRootPath, "Ratings", "criteria.json"), optional: false, reloadOnChange: false);
        builder.Services.AddOptions<RatingOptions>().Bind(builder.Configuration.GetSection(RatingOptions.Section))
            .Validate(o => o.Problems().Count == 0, "MotCua:Ratings: the criteria sets are incomplete").ValidateOnStart();
        builder.Services.AddScoped<RateDossier.Handler>();
        builder.Services.AddScoped<Reporting.Outputs.IDecision766Source, SatisfactionInputs>();
        var perMinute = builder.Configuration.GetValue($"{RatingOptions.Section}:{nameof(RatingOptions.PerAddressPerMinute)}", new RatingOptions().PerAddressPerMinute);
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(RateLimit, context => RateLimits.Window(context, RateLimit, perMinute)));
        // The rating pages are public: the proof is the dossier's code and check value, the owner's account or the paired tablet.
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AllowAnonymousToFolder("/Ratings"));
        return builder;
    }

    public static IEndpointRouteBuilder MapRatings(this IEndpointRouteBuilder app)
    {
        var ratings = app.MapGroup("/api/v1/ratings").WithTags("Ratings");
        ratings.MapPost("/", RateDossier.Handle).AllowAnonymous().RequireRateLimiting(RateLimit).WithName("RateDossier")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Đánh giá mức độ hài lòng về hồ sơ đã trả kết quả (mã hồ sơ và mã kiểm tra, hoặc tài khoản chủ hồ sơ)");
        ratings.MapGet("/results", RatingResults.Handle).RequireAuthorization(Policies.Staff).WithName("GetRatingResults")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Kết quả đánh giá theo cán bộ một cửa, đơn vị hoặc thủ tục trong kỳ");
        ratings.MapGet("/flagged", ListFlaggedRatings.Handle).RequireAuthorization(Policies.Supervisor).WithName("ListFlaggedRatings")
            .ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Đánh giá có dấu hiệu bất thường, chờ kiểm tra");

        var desks = app.MapGroup("/api/v1/rating-desks").WithTags("Ratings");
        desks.MapPost("/", CounterDesk.Create).RequireAuthorization(Policies.UnitAdmin).WithName("CreateRatingDesk")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Tạo quầy có máy tính bảng đánh giá; trả mã ghép nối một lần");
        desks.MapPost("/pair", CounterDesk.Pair).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithName("PairRatingDesk")
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Ghép nối máy tính bảng với quầy");
        desks.MapPost("/{id:int}/present", CounterDesk.Present).RequireAuthorization(Policies.Staff).WithName("PresentForRating")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Đưa hồ sơ vừa trả kết quả lên máy tính bảng của quầy để người dân đánh giá");
        var tablet = app.MapGroup("/api/v1/rating-desk").WithTags("Ratings").AllowAnonymous();
        tablet.MapGet("/", CounterDesk.Current).WithName("GetRatingDesk").ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Máy tính bảng: hồ sơ đang chờ đánh giá");
        tablet.MapPost("/rate", CounterDesk.Rate).RequireRateLimiting(RateLimit).WithName("RateAtDesk")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Máy tính bảng: người dân đánh giá hồ sơ được đưa lên");
        return app;
    }
}
