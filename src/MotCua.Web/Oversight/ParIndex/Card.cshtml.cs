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

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// A unit's reform index scorecard in the back office: every criterion, its evidence and the points lost, for the unit's and the province's
/// staff. While the year is open, the unit's leaders score the self-assessed criteria and attach evidence, and the Department of Home Affairs
/// appraises; each form is the API's own handler, named the score's version it was read at, so a stale form loses with the 409 message.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(ParIndexModule.MaxEvidenceRequestBytes)]
internal sealed class ParIndexCardModel(ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, FileStore store, TimeProvider clock,
    IStringLocalizer<ParIndexResource> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public GetParIndexCard.ParUnitCardResponse Card { get; private set; } = null!;
    public bool CanSelfAssess { get; private set; }
    public bool CanAppraise { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    private string? _refusedForm;

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Points { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }

    public async Task OnGetAsync(int id, string unitCode) => await LoadAsync(id, unitCode);

    public Task<IActionResult> OnPostSelfAssessAsync(int id, string unitCode) => RunAsync(id, unitCode, "self", () => SelfAssessParCriterion.Handle(id, unitCode,
        Code ?? "", new(ParsedPoints, Note, Version), cards, db, actor, audit, clock, text, Aborted), "Page.Saved");

    public Task<IActionResult> OnPostAppraiseAsync(int id, string unitCode) => RunAsync(id, unitCode, "appraisal", () => AppraiseParCriterion.Handle(id, unitCode,
        Code ?? "", new(ParsedPoints, Note, Version), cards, db, actor, audit, clock, text, Aborted), "Page.Saved");

    /// <summary>The form's fields are the API's own (<c>version</c>, <c>files</c>), so the handler reads this request as it reads the API's.</summary>
    public Task<IActionResult> OnPostEvidenceAsync(int id, string unitCode) => RunAsync(id, unitCode, "evidence", () => SelfAssessParCriterion.AttachEvidence(id, unitCode,
        Code ?? "", Request, cards, db, actor, audit, store, clock, text, Aborted), "Page.Uploaded");

    /// <summary>Points as typed, with a decimal comma (22,5) or point (22.5); anything else is no points, which the handler refuses.</summary>
    private decimal? ParsedPoints => decimal.TryParse(Points?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
        out var points) ? points : null;

    private CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Whether a form shows back what was typed: the one refused as invalid (a stale one shows the stored score it lost to).</summary>
    public bool Keeps(string form, string code) => _refusedForm == form && Code == code;

    private async Task<IActionResult> RunAsync<TResult>(int id, string unitCode, string form, Func<Task<TResult>> action, string done)
    {
        switch (await PageActions.RunAsync(action, Errors, shared, Label))
        {
            case StatusCodes.Status403Forbidden:
                return Forbid();
            case StatusCodes.Status404NotFound:
                return NotFound();
            case null:
                Message = text[done, Code ?? ""];
                break;
            case StatusCodes.Status400BadRequest:
                _refusedForm = form;
                break;
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, unitCode);
        return Page();
    }

    private string Label(string field) => field switch
    {
        "points" => text["Page.PointsLabel"],
        "explanation" => text["Page.Explanation"],
        "comment" => text["Page.Comment"],
        "files" => text["Page.EvidenceFiles"],
        _ => field,
    };

    private async Task LoadAsync(int id, string unitCode)
    {
        var framework = await cards.FrameworkAsync(id, Aborted);
        var unit = await cards.UnitAsync(framework, unitCode, Aborted);
        if (framework.State != ParIndexState.Published && !actor.Covers(unit.Path))
        {
            throw ProblemException.Forbidden();
        }

        Card = await GetParIndexCard.LoadAsync(cards, db, framework, unit, text, Aborted);
        var province = await db.Units.AsNoTracking().Where(u => u.Code == framework.ProvinceCode).Select(u => u.Path).SingleAsync(Aborted);
        // The same roles the handlers ask for; they refuse anyone else anyway.
        CanSelfAssess = framework.State == ParIndexState.Open && actor.Covers(unit.Path, StaffRole.Leader, StaffRole.UnitAdmin);
        CanAppraise = framework.State == ParIndexState.Open && actor.Covers(province, StaffRole.Supervisor);
    }
}
