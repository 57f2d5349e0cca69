using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// A parent unit's inspection plan for a year: the planned units, the rounds with their checklists, findings and corrections, and the
/// figures. A supervisor covering the parent also works the plan here (issue the plan, add a round, record a finding, require a correction,
/// record its follow-up); every form calls the API's own handler, with the plan's version, so a stale form is refused (409).
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class InspectionsModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
    IStringLocalizer<OversightResource> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed record UnitOption(string Code, string Name);

    /// <summary>Units listed for people: by name, in Vietnamese order.</summary>
    public static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public List<string> Units { get; set; } = [];
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? TeamLead { get; set; }
    [BindProperty] public string? Checklist { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Item { get; set; }
    [BindProperty] public bool? Passed { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Requirement { get; set; }
    [BindProperty] public string? Deadline { get; set; }

    public GetInspectionPlan.InspectionPlanResponse? Plan { get; private set; }

    /// <summary>The units a new plan of the year may name (directly under the parent, existing during the year).</summary>
    public IReadOnlyList<UnitOption> Candidates { get; private set; } = [];

    /// <summary>True for a supervisor covering the parent unit: the one who may work the plan (the handlers refuse anyone else).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The form that was posted and refused (<c>plan</c>, <c>round</c>, <c>finding-{round}</c>, <c>correction-{round}</c>,
    /// <c>done-{correction}</c>): its errors show beside it and its fields keep what was typed.</summary>
    public string? Failed { get; private set; }

    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostPlanAsync() => RunAsync(null, "plan", "Inspections.PlanCreated",
        () => CreateInspectionPlan.Handle(new(UnitCode, Year, Units), db, actor, audit, clock, text, Aborted));

    public Task<IActionResult> OnPostRoundAsync(int id) => RunAsync(id, "round", "Inspections.RoundAdded",
        () => AddInspectionRound.Handle(id, new(Version, Kind, Date, TeamLead, Units, Lines(Checklist)), db, actor, audit, clock, text, Aborted));

    public Task<IActionResult> OnPostFindingAsync(int id, int roundId) => RunAsync(id, $"finding-{roundId}", "Inspections.FindingRecorded",
        () => RecordInspectionFinding.Handle(id, roundId, new(Version, Unit, Item, Passed, Note), db, actor, audit, clock, text, Aborted));

    public Task<IActionResult> OnPostCorrectionAsync(int id, int roundId) => RunAsync(id, $"correction-{roundId}", "Inspections.CorrectionRequired",
        () => RequireInspectionCorrection.Handle(id, roundId, new(Version, Unit, Requirement, Deadline), db, actor, audit, clock, text, Aborted));

    public Task<IActionResult> OnPostDoneAsync(int id, int correctionId) => RunAsync(id, $"done-{correctionId}", "Inspections.CorrectionDone",
        () => CompleteInspectionCorrection.Handle(id, correctionId, new(Version, Note), db, actor, audit, clock, text, Aborted));

    private CancellationToken Aborted => HttpContext.RequestAborted;

    private static List<string> Lines(string? value) =>
        (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task<IActionResult> RunAsync<TResult>(int? planId, string form, string done, Func<Task<TResult>> action)
    {
        if (planId is { } id)
        {
            // The plan names its own parent and year; the page shows that plan whatever the form carried.
            var plan = await db.InspectionPlans.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new { p.Year, Code = db.Units.Where(u => u.Id == p.ParentUnitId).Select(u => u.Code).Single() }).SingleOrDefaultAsync(Aborted);
            if (plan is null)
            {
                return NotFound();
            }

            (UnitCode, Year) = (plan.Code, plan.Year);
        }

        // Another supervisor saving the plan (or issuing the year's plan) first makes this one lose with 409.
        var status = await PageActions.RunAsync(action, Errors, shared, Label);
        if (status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (status is null)
        {
            Message = text[done];
            (Version, Units, Kind, Date, TeamLead, Checklist, Unit, Item, Passed, Note, Requirement, Deadline) =
                (null, [], null, null, null, null, null, null, null, null, null, null);
        }
        else
        {
            Failed = form;
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private string Label(string field) => field switch
    {
        "parentUnitCode" => text["Filter.Unit"],
        "year" => text["Filter.Year"],
        "unitCodes" or "unitCode" => text["Inspections.Units"],
        "kind" => text["Inspections.Kind"],
        "date" => text["Inspections.Date"],
        "teamLead" => text["Inspections.TeamLead"],
        "checklist" => text["Inspections.Checklist"],
        "item" => text["Inspections.Item"],
        "passed" => text["Inspections.Result"],
        "note" => text["Inspections.Note"],
        "requirement" => text["Inspections.Requirement"],
        "deadline" => text["Inspections.Deadline"],
        _ => field,
    };

    private async Task LoadAsync()
    {
        Year ??= DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).Year;
        UnitCode = string.IsNullOrWhiteSpace(UnitCode) ? actor.Roles.FirstOrDefault()?.UnitCode : UnitCode.Trim();
        var parent = await db.Units.AsNoTracking().Where(u => u.Code == UnitCode).Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync(Aborted);
        if (parent is null)
        {
            return;
        }

        CanEdit = actor.Covers(parent.Path, StaffRole.Supervisor);
        var plan = await GetInspectionPlan.LoadAsync(db.InspectionPlans.AsNoTracking().Where(p => p.Year == Year && p.ParentUnitId == parent.Id), Aborted);
        Plan = plan is null ? null : await GetInspectionPlan.ViewAsync(db, actor, plan, clock, text, Aborted);
        if (Plan is null && CanEdit)
        {
            Candidates = (await CreateInspectionPlan.InScope(db, parent.Id, Year.Value).Select(u => new UnitOption(u.Code, u.Name)).ToListAsync(Aborted))
                .OrderBy(u => u.Name, ByName).ToList();
        }
    }
}
