using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Privacy;

namespace MotCua.Web.Account;

/// <summary>
/// The citizen's own data (Law 91/2025/QH15): the account and the people on their dossiers, the name and contact
/// corrections the API allows, the JSON download, and the deletion of the account. Each action calls the API's handler.
/// </summary>
[Authorize(Policy = Policies.Citizen)]
internal sealed class PersonalDataModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, AuditTrail audit, DossierCommit commit, RuleProblems problems,
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer, IStringLocalizer<PrivacyResource> text) : PageModel
{
    public MyPersonalData.Export Data { get; private set; } = null!;
    public string? Done { get; private set; }
    public Guid? ErrorsFor { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public async Task OnGetAsync() => Data = await MyPersonalData.LoadAsync(db, actor, clock, HttpContext.RequestAborted);

    public Task<IActionResult> OnPostProfileAsync() => ActAsync(null, async () =>
    {
        await CorrectProfile.Handle(new CorrectProfile.Request(FullName), db, actor, audit, localizer, HttpContext.RequestAborted);
        return null;
    });

    public Task<IActionResult> OnPostContactAsync(Guid id) => ActAsync(id, async () =>
    {
        var result = await CorrectDossierContact.Handle(id, new CorrectDossierContact.Request(Version, Address, Phone, Email), db, actor, commit, problems,
            localizer, HttpContext.RequestAborted);
        return result.Result is IValueHttpResult { Value: ProblemDetails refused } ? OnlinePages.Errors(refused) : null;
    });

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        try
        {
            await DeleteAccount.DeleteAsync(Password, db, actor, audit, users, localizer, HttpContext.RequestAborted);
        }
        catch (ProblemException problem) when (problem.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict)
        {
            Errors = OnlinePages.Errors(localizer, problem);
            db.ChangeTracker.Clear();
            await OnGetAsync();
            return Page();
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }

    private async Task<IActionResult> ActAsync(Guid? dossier, Func<Task<IDictionary<string, string[]>?>> act)
    {
        try
        {
            var refused = await act();
            if (refused is null)
            {
                Done = text["Mine.Saved"];
            }
            else
            {
                Errors = refused;
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

        ErrorsFor = Errors.Count > 0 ? dossier : null;
        db.ChangeTracker.Clear();
        await OnGetAsync();
        return Page();
    }
}
