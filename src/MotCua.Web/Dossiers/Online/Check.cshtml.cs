using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>The desk officer checks one online submission and receives it, asks for completion, or refuses it.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CheckModel(MotCuaDbContext db, CurrentActor actor, CheckOnline.Handler handler, IStringLocalizer<SharedResource> localizer,
    Privacy.PersonalDataLog personalData) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    public GetOnlineDossier.Response Dossier { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }

    private Dossier? _dossier;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await personalData.RecordAsync(_dossier!, Privacy.ReadPlace.OnlineCheck, HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostReceiveAsync(Guid id) => ActAsync(id, () => handler.ReceiveAsync(id, HttpContext.RequestAborted),
        received => localizer["Check.Received", received.Code!, OnlinePages.Time(received.DueAt)]);

    public Task<IActionResult> OnPostAskCompletionAsync(Guid id) =>
        ActAsync(id, () => handler.AskToCompleteAsync(id, Reason, HttpContext.RequestAborted), _ => localizer["Check.CompletionRequested"]);

    public Task<IActionResult> OnPostRefuseAsync(Guid id) =>
        ActAsync(id, () => handler.RefuseAsync(id, Reason, HttpContext.RequestAborted), _ => localizer["Check.Refused"]);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Results<Ok<CheckOnline.Response>, RuleConflict>>> act,
        Func<CheckOnline.Response, string> done)
    {
        try
        {
            switch ((await act()).Result)
            {
                case Ok<CheckOnline.Response> { Value: { } checkedDossier }:
                    Done = done(checkedDossier);
                    Reason = null;
                    break;
                case IValueHttpResult { Value: ProblemDetails refused }:
                    Errors = OnlinePages.Errors(refused);
                    break;
            }
        }
        catch (ProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (ProblemException problem)
        {
            Errors = OnlinePages.Errors(localizer, problem);
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors = new Dictionary<string, string[]> { ["—"] = [localizer["Problem.ConcurrentChange"]] };
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            var dossier = _dossier = await GetOnlineDossier.StaffDossierAsync(db, actor, id, tracked: false, HttpContext.RequestAborted);
            Dossier = await GetOnlineDossier.DescribeAsync(db, dossier, localizer, HttpContext.RequestAborted);
            return dossier.Channel == Catalog.Channel.Online;
        }
        catch (ProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }
}
