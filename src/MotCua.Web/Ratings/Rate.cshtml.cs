using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Ratings;

/// <summary>
/// /danh-gia: the citizen rates a returned dossier. "Hồ sơ của tôi" links here with the code (<c>?ma=</c>), the return
/// notice with the code and <c>qua=thong-bao</c>. The check value is typed, never in the address; the owner's own account
/// needs none.
/// </summary>
[EnableRateLimiting(RatingsModule.RateLimit)]
internal sealed class RateModel(RateDossier.Handler handler, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IOptions<RatingOptions> options,
    IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Check { get; set; }
    [BindProperty] public string? Via { get; set; }
    [BindProperty] public Dictionary<string, string> Answers { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }

    public RatingCriteriaSet Criteria => options.Value.InForce(Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime));
    public bool SignedIn => actor.UserId is not null;
    public RateDossier.Response? Done { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet([FromQuery(Name = "ma")] string? code, [FromQuery(Name = "qua")] string? via)
    {
        Code = code;
        Via = via == "thong-bao" ? "link" : null;
    }

    public async Task OnPostAsync()
    {
        var status = await PageActions.RunAsync(async () =>
        {
            RatingProof.RefuseStaff(actor);
            var dossier = await RatingProof.ByCodeAsync(db, actor, Code, Check, HttpContext.RequestAborted);
            Done = await handler.RateAsync(dossier, Answers, Comment, Via == "link" ? RatingChannel.NoticeLink : RatingChannel.Online,
                ("address", HttpContext.Connection.RemoteIpAddress?.ToString()), null, actor.Self, HttpContext.RequestAborted);
        }, Errors, shared);
        if (status is { } failed)
        {
            Response.StatusCode = failed;
        }

        Check = null;
    }
}
