using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Feedback;

/// <summary>/phan-anh-kien-nghi: the portal's form for feedback and petitions, and the answers published with the senders' consent.</summary>
[EnableRateLimiting(FeedbackModule.RateLimit)]
internal sealed class IndexModel(SubmitPetition.Handler handler, MotCuaDbContext db, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty] public string? SenderName { get; set; }
    [BindProperty] public string? SenderPhone { get; set; }
    [BindProperty] public string? SenderEmail { get; set; }
    [BindProperty] public string? UnitCode { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? ProcedureCode { get; set; }
    [BindProperty] public string? DossierCode { get; set; }
    [BindProperty] public string? DossierCheck { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public bool AgreesToPublish { get; set; }

    public string? Reference { get; private set; }
    public List<string> Errors { get; } = [];
    public List<ListPublishedAnswers.Item> Published { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "ma")] string? dossierCode)
    {
        DossierCode = dossierCode;
        Published = await ListPublishedAnswers.LoadAsync(db, HttpContext.RequestAborted);
    }

    public async Task OnPostAsync()
    {
        var status = await PageActions.RunAsync(async () => Reference = (await handler.SubmitAsync(new SubmitPetition.Request(SenderName, SenderPhone, SenderEmail,
            null, Text, UnitCode, Kind, ProcedureCode, DossierCode, DossierCheck, AgreesToPublish), PetitionChannel.Portal, HttpContext.RequestAborted)).Value!.Reference,
            Errors, shared);
        if (status is { } failed)
        {
            Response.StatusCode = failed;
        }

        DossierCheck = null;
        Published = await ListPublishedAnswers.LoadAsync(db, HttpContext.RequestAborted);
    }
}
