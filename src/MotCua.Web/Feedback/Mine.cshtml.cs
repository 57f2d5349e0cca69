using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Feedback;

/// <summary>
/// <c>/tai-khoan/phan-anh</c>: the petitions the signed-in citizen sent, with a form to rate each answer once. The Feedback folder is open
/// to everyone (the portal form), so this page checks the citizen account itself.
/// </summary>
internal sealed class MineModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public bool? Satisfied { get; set; }

    public bool Rated { get; private set; }
    public List<string> Errors { get; } = [];
    public List<MyPetition> Petitions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Refused() is { } refused)
        {
            return refused;
        }

        Petitions = await ListMyPetitions.LoadAsync(db, actor, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Refused() is { } refused)
        {
            return refused;
        }

        var status = await PageActions.RunAsync(() => RatePetitionAnswer.RateAsync(Reference ?? "", new RatePetitionAnswer.Request(Version, Satisfied), db, actor, audit,
            clock, shared, HttpContext.RequestAborted), Errors, shared);
        if (status is { } failed)
        {
            Response.StatusCode = failed;
        }

        Rated = status is null;
        Petitions = await ListMyPetitions.LoadAsync(db, actor, HttpContext.RequestAborted);
        return Page();
    }

    private IActionResult? Refused() => User.HasClaim(MotCuaClaims.Kind, nameof(AccountKind.Citizen)) ? null
        : User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
}
