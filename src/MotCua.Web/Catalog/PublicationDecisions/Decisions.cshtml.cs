using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>The register of decisions announcing procedures, with their time limits, and the forms to record a decision and its publicising
/// day; both forms go through the API's handlers.</summary>
[Authorize(Policy = Policies.Staff)]
[RequiresRecentAuthentication]
internal sealed class DecisionsModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, IWorkingCalendar calendars, IOptions<PublicationOptions> options,
    TimeProvider clock, IStringLocalizer<CatalogResource> text) : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? SignedOn { get; set; }
    [BindProperty] public string? EffectiveOn { get; set; }
    [BindProperty] public string? PublicisedOn { get; set; }
    [BindProperty] public string? ProcedureCodes { get; set; }
    public PublicationOptions Options => options.Value;
    public List<ListPublicationDecisions.PublicationDecisionView> Decisions { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }

    public async Task OnGetAsync() =>
        Decisions = (await ListPublicationDecisions.Handle(null, db, calendars, options, clock, HttpContext.RequestAborted)).Value!;

    public async Task<IActionResult> OnPostAsync()
    {
        var codes = (ProcedureCodes ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await TryAsync(async () =>
        {
            var recorded = await RecordPublicationDecision.Handle(new(Number, Subject, SignedOn, EffectiveOn, PublicisedOn, codes), db, actor, audit, calendars,
                options, clock, text, HttpContext.RequestAborted);
            Done = text["Publication.Recorded", recorded.Value!.Number];
            (Number, Subject, SignedOn, EffectiveOn, PublicisedOn, ProcedureCodes) = (null, null, null, null, null, null);
        });
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPubliciseAsync(int id, int version, string? on)
    {
        await TryAsync(() => RecordPublicising.Handle(id, new(on, version), db, actor, audit, calendars, options, clock, text, HttpContext.RequestAborted));
        await OnGetAsync();
        return Page();
    }

    /// <summary>Runs a write; a refusal is shown on the page in Vietnamese, and leaves nothing behind.</summary>
    private async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (ProblemException problem)
        {
            db.ChangeTracker.Clear();
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(text, problem) ?? text["Catalog.Refused"]] };
        }
    }
}
