using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// <c>GET /api/v1/oversight/inspections/{id}</c>: a yearly inspection plan, its rounds with findings and corrections, and the year's figures
/// ("2 đợt, 6/12 đơn vị"). Every change answers with the same view.
/// </summary>
internal static class GetInspectionPlan
{
    public sealed record InspectionUnitView(string Code, string Name);

    public sealed record InspectionFindingView(int Id, string UnitCode, string Item, bool Passed, string? Note);

    /// <param name="State"><c>Open</c>, <c>Overdue</c> (past its deadline, not done) or <c>Done</c>.</param>
    public sealed record InspectionCorrectionView(int Id, string UnitCode, string Requirement, DateOnly Deadline, string State, DateOnly? DoneOn, string? DoneNote);

    /// <param name="Checklist">The items checked at each unit, in order (empty for a round recorded without one).</param>
    public sealed record InspectionRoundView(int Id, string Kind, DateOnly Date, string TeamLead, IReadOnlyList<string> UnitCodes,
        IReadOnlyList<InspectionFindingView> Findings, IReadOnlyList<InspectionCorrectionView> Corrections, IReadOnlyList<string> Checklist);

    /// <param name="UnitsInspected">Units covered by at least one round.</param>
    /// <param name="UnitsUnderParent">Units directly under the parent unit that existed during the plan's year (a district dissolved
    /// before it does not count).</param>
    /// <param name="Summary">The figures as people read them, vi-VN.</param>
    /// <param name="CorrectionsDoneOnTime">Corrections done on or before their deadline.</param>
    public sealed record InspectionFigures(int Rounds, int UnitsInspected, int UnitsUnderParent, int FindingsFailed, int CorrectionsOpen,
        int CorrectionsOverdue, int CorrectionsDone, string Summary, int CorrectionsDoneOnTime);

    public sealed record InspectionPlanResponse(int Id, string ParentUnitCode, string ParentUnitName, int Year, int Version,
        IReadOnlyList<InspectionUnitView> Units, IReadOnlyList<InspectionRoundView> Rounds, InspectionFigures Figures);

    public static async Task<Ok<InspectionPlanResponse>> Handle(int id, MotCuaDbContext db, CurrentActor actor, TimeProvider clock,
        IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var plan = await LoadAsync(db.InspectionPlans.AsNoTracking().Where(p => p.Id == id), cancellationToken) ?? throw ProblemException.NotFound();
        return TypedResults.Ok(await ViewAsync(db, actor, plan, clock, text, cancellationToken));
    }

    public static Task<InspectionPlan?> LoadAsync(IQueryable<InspectionPlan> plans, CancellationToken cancellationToken) =>
        plans.Include(p => p.Units).Include(p => p.Rounds).ThenInclude(r => r.Units)
            .Include(p => p.Rounds).ThenInclude(r => r.Findings)
            .Include(p => p.Rounds).ThenInclude(r => r.Corrections)
            .Include(p => p.Rounds).ThenInclude(r => r.Checklist)
            .AsSplitQuery().SingleOrDefaultAsync(cancellationToken);

    /// <summary>The plan as its readers see it; a reader needs a role covering the parent unit (403 otherwise).</summary>
    public static async Task<InspectionPlanResponse> ViewAsync(MotCuaDbContext db, CurrentActor actor, InspectionPlan plan, TimeProvider clock,
        IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var parent = await db.Units.AsNoTracking().Where(u => u.Id == plan.ParentUnitId).Select(u => new { u.Code, u.Name, u.Path })
            .SingleAsync(cancellationToken);
        if (!actor.Covers(parent.Path))
        {
            throw ProblemException.Forbidden();
        }

        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == plan.ParentUnitId)
            .Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var inScope = await CreateInspectionPlan.InScope(db, plan.ParentUnitId, plan.Year).CountAsync(cancellationToken);
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var rounds = plan.Rounds.OrderBy(r => r.Date).ThenBy(r => r.Id).Select(r => new InspectionRoundView(r.Id, r.Kind.ToString(), r.Date, r.TeamLead,
            r.Units.Select(u => children[u.UnitId].Code).Order(StringComparer.Ordinal).ToList(),
            r.Findings.OrderBy(f => f.Id).Select(f => new InspectionFindingView(f.Id, children[f.UnitId].Code, f.Item, f.Passed, f.Note)).ToList(),
            r.Corrections.OrderBy(c => c.Id).Select(c => new InspectionCorrectionView(c.Id, children[c.UnitId].Code, c.Requirement, c.Deadline,
                State(c, today), c.DoneOn, c.DoneNote)).ToList(),
            r.Checklist.OrderBy(i => i.Position).Select(i => i.Text).ToList())).ToList();
        var corrections = rounds.SelectMany(r => r.Corrections).ToList();
        var inspected = plan.Rounds.SelectMany(r => r.Units).Select(u => u.UnitId).Distinct().Count();
        var figures = new InspectionFigures(rounds.Count, inspected, inScope, rounds.Sum(r => r.Findings.Count(f => !f.Passed)),
            corrections.Count(c => c.State == "Open"), corrections.Count(c => c.State == "Overdue"), corrections.Count(c => c.State == "Done"),
            text["Inspections.Summary", ViText.Count(rounds.Count), ViText.Count(inspected), ViText.Count(inScope)],
            corrections.Count(c => c.DoneOn <= c.Deadline));
        return new InspectionPlanResponse(plan.Id, parent.Code, parent.Name, plan.Year, plan.Version,
            plan.Units.Select(u => new InspectionUnitView(children[u.UnitId].Code, children[u.UnitId].Name)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList(),
            rounds, figures);
    }

    private static string State(InspectionCorrection correction, DateOnly today) =>
        correction.DoneOn is not null ? "Done" : correction.IsOverdue(today) ? "Overdue" : "Open";
}
