using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Citizen;

/// <summary>One of the citizen's dossiers: state, appointment, files and public history; completion when the desk asked for it.</summary>
[Authorize(Policy = Policies.Citizen)]
[RequestSizeLimit(OnlineUploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = OnlineUploads.MaxRequestBytes)]
internal sealed class MyDossierModel(MotCuaDbContext db, CurrentActor actor, ResubmitOnline.Handler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GetOnlineDossier.Response Dossier { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "gui")] int? sent)
    {
        Done = sent == 1 ? localizer["Mine.Submitted"].Value : null;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostResubmitAsync(Guid id)
    {
        try
        {
            switch ((await handler.ResubmitAsync(id, Request.Form.Files, HttpContext.RequestAborted)).Result)
            {
                case Ok<GetOnlineDossier.Response> { Value: { } resubmitted }:
                    Dossier = resubmitted;
                    Done = localizer["Mine.Resubmitted"];
                    return Page();
                case IValueHttpResult { Value: ProblemDetails refused }:
                    db.ChangeTracker.Clear();
                    Errors = OnlinePages.Errors(refused, "files");
                    break;
            }
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Errors = OnlinePages.Errors(localizer, problem, "files");
        }
        catch (ProblemException)
        {
            return NotFound();
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            var dossier = await GetOnlineDossier.OwnDossierAsync(db, actor, id, tracked: false, HttpContext.RequestAborted);
            Dossier = await GetOnlineDossier.DescribeAsync(db, dossier, localizer, HttpContext.RequestAborted);
            return true;
        }
        catch (ProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }
}
