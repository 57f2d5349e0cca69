using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>POST …/par-index/frameworks/{id}/finalisation</c>: the Department of Home Affairs closes the year. Every unit's every leaf is written with
/// its final points and, for automatic criteria, the figure measured today, so the published results no longer move with later corrections of
/// the dossiers. A score changed meanwhile makes the finalisation (or the change) lose with 409; afterwards every change answers 409.
/// <c>POST …/publication</c> then shows the finalised ranking on the public page.
/// </summary>
internal static class FinaliseParIndex
{
    /// <param name="Version">The framework's version as read.</param>
    public sealed record ParCycleRequest(int? Version);

    public sealed record ParCycleResponse(int Id, string State, int Version, int Units, DateTime? FinalisedAt, DateTime? PublishedAt);

    public static async Task<Results<Ok<ParCycleResponse>, RuleConflict>> Finalise(int id, ParCycleRequest request, ParIndexCards cards,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, RuleProblems problems, TimeProvider clock, IStringLocalizer<ParIndexResource> text,
        CancellationToken cancellationToken)
    {
        var (framework, province) = await LoadAsync(db, actor, id, request, text, cancellationToken);
        var open = await cards.FrameworkAsync(id, cancellationToken);
        var units = await cards.UnitsAsync(open, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (framework.Finalise(now) is { } broken)
        {
            return problems.Conflict(broken);
        }

        var (from, to) = cards.Period(open);
        var totals = await FreezeAsync(cards, db, open, units, cancellationToken);
        await audit.RecordAsync(actor.ActingOn(province.Path, StaffRole.Supervisor), "par-index.finalised", nameof(ParIndexFramework),
            $"{framework.ProvinceCode}:{framework.Year}", new { State = nameof(ParIndexState.Open) },
            new { State = framework.State.ToString(), Period = new { from, to }, Totals = totals }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ParCycleResponse(framework.Id, framework.State.ToString(), framework.Version, units.Count, framework.FinalisedAt,
            framework.PublishedAt));
    }

    public static async Task<Results<Ok<ParCycleResponse>, RuleConflict>> Publish(int id, ParCycleRequest request, ParIndexCards cards,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, RuleProblems problems, TimeProvider clock, IStringLocalizer<ParIndexResource> text,
        CancellationToken cancellationToken)
    {
        var (framework, province) = await LoadAsync(db, actor, id, request, text, cancellationToken);
        var before = framework.State;
        if (framework.Publish(clock.GetUtcNow().UtcDateTime) is { } broken)
        {
            return problems.Conflict(broken);
        }

        await audit.RecordAsync(actor.ActingOn(province.Path, StaffRole.Supervisor), "par-index.published", nameof(ParIndexFramework),
            $"{framework.ProvinceCode}:{framework.Year}", new { State = before.ToString() }, new { State = framework.State.ToString() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var units = await cards.UnitsAsync(await cards.FrameworkAsync(id, cancellationToken), cancellationToken);
        return TypedResults.Ok(new ParCycleResponse(framework.Id, framework.State.ToString(), framework.Version, units.Count, framework.FinalisedAt,
            framework.PublishedAt));
    }

    /// <summary>Writes every unit's every leaf with its final points and, for automatic criteria, the figure measured today (the year's scores
    /// as they stand, tracked, for the caller to save with the framework's new state); returns each unit's total.</summary>
    public static async Task<Dictionary<string, decimal>> FreezeAsync(ParIndexCards cards, MotCuaDbContext db, ParIndexFramework open,
        IReadOnlyList<ParUnit> units, CancellationToken cancellationToken)
    {
        var leaves = ParIndexCards.Leaves(open);
        var (from, to) = cards.Period(open);
        var totals = new Dictionary<string, decimal>();
        foreach (var unit in units)
        {
            var scores = await db.ParIndexScores.Where(s => s.FrameworkId == open.Id && s.UnitId == unit.Id)
                .ToDictionaryAsync(s => s.CriterionId, cancellationToken);
            var measured = leaves.Any(l => l.Scoring == ParScoring.Automatic)
                ? await cards.MeasureAsync(new Reporting.ReportQuery(from, to, unit.Code), cancellationToken)
                : new Dictionary<ParMeasure, Reporting.Outputs.Ratio?>();
            var total = 0m;
            foreach (var leaf in leaves)
            {
                if (!scores.TryGetValue(leaf.Id, out var score))
                {
                    score = new ParIndexScore { FrameworkId = open.Id, UnitId = unit.Id, CriterionId = leaf.Id };
                    db.ParIndexScores.Add(score);
                }

                var ratio = leaf.Measure is { } measure ? measured[measure] : null;
                var points = ParIndexCards.LivePoints(leaf, ratio, score);
                score.Freeze(points, ratio?.Part, ratio?.Whole);
                total += points;
            }

            totals[unit.Code] = total;
        }

        return totals;
    }

    private static async Task<(ParIndexFramework Framework, (string Code, string Path) Province)> LoadAsync(MotCuaDbContext db, CurrentActor actor, int id,
        ParCycleRequest request, IStringLocalizer text, CancellationToken cancellationToken)
    {
        ParScoreWrite.RequireVersion(request.Version, text);
        var framework = await db.ParIndexFrameworks.SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw ProblemException.NotFound();
        var province = await SaveParIndexFramework.ProvinceAsync(db, actor, framework.ProvinceCode, cancellationToken);
        if (framework.Version != request.Version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        return (framework, province);
    }
}
