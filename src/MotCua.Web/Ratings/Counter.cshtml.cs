using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Ratings;

/// <summary>
/// /danh-gia/quay: the page the counter tablet shows. Unpaired, it asks for the desk's pairing code; paired, it waits for
/// the officer to put a returned dossier on it (the page refreshes itself), then asks the citizen the criteria.
/// </summary>
[EnableRateLimiting(RatingsModule.RateLimit)]
internal sealed class CounterModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IOptions<RatingOptions> options, RateDossier.Handler handler,
    IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty] public string? PairingCode { get; set; }
    [BindProperty] public Dictionary<string, string> Answers { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }

    public CounterDesk.DeskState? Desk { get; private set; }
    public RateDossier.Response? Done { get; private set; }
    public List<string> Errors { get; } = [];
    public RatingCriteriaSet Criteria => options.Value.InForce(Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task OnPostPairAsync()
    {
        await Run(async () => Desk = (await CounterDesk.Pair(new CounterDesk.PairRequest(PairingCode), db, HttpContext, clock, options, HttpContext.RequestAborted)).Value);
        PairingCode = null;
    }

    public async Task OnPostRateAsync()
    {
        await Run(async () => Done = (await CounterDesk.Rate(new CounterDesk.RateRequest(Answers, Comment), db, HttpContext, actor, clock, options, handler,
            HttpContext.RequestAborted)).Value);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (Request.Cookies.ContainsKey(CounterDesk.Cookie))
        {
            await Run(async () => Desk = (await CounterDesk.Current(db, HttpContext, clock, options, HttpContext.RequestAborted)).Value);
        }

        if (Desk is { Waiting: null })
        {
            // No script on the pages (CSP script-src 'self' and none shipped): the idle tablet reloads itself until a dossier arrives.
            Response.Headers["Refresh"] = "5";
        }
    }

    private async Task Run(Func<Task> action)
    {
        if (await PageActions.RunAsync(action, Errors, shared) is { } status)
        {
            Response.StatusCode = status;
        }
    }
}
