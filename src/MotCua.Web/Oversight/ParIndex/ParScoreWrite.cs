using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// What every change of a unit's score starts from: the year's index still open (409 once finalised), the unit ranked by it, the leaf criterion,
/// and the stored score row, tracked, at the version the writer saw (409 otherwise; a row the writer has not seen is version 0).
/// </summary>
internal sealed record ParScoreWrite(ParIndexFramework Framework, ParUnit Unit, ParIndexCriterion Leaf, ParIndexScore Score)
{
    public string StreamId => $"{Framework.Id}:{Unit.Code}:{Leaf.Code}";

    public static async Task<ParScoreWrite> LoadAsync(ParIndexCards cards, MotCuaDbContext db, int id, string unitCode, string criterionCode, int? version,
        Microsoft.Extensions.Localization.IStringLocalizer text, CancellationToken cancellationToken)
    {
        RequireVersion(version, text);
        var framework = await cards.FrameworkAsync(id, cancellationToken);
        if (framework.State != ParIndexState.Open)
        {
            throw ProblemException.Conflict("par-index-closed", "ParIndex.Closed");
        }

        var unit = await cards.UnitAsync(framework, unitCode, cancellationToken);
        var leaf = ParIndexCards.Leaves(framework).SingleOrDefault(c => c.Code == criterionCode) ?? throw ProblemException.NotFound();
        var score = await db.ParIndexScores.Include(s => s.Evidence).SingleOrDefaultAsync(s => s.UnitId == unit.Id && s.CriterionId == leaf.Id, cancellationToken);
        if ((score?.Version ?? 0) != version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        if (score is null)
        {
            // Two first writers both insert: the unique (unit, criterion) index lets one through and answers 409 to the other.
            score = new ParIndexScore { FrameworkId = framework.Id, UnitId = unit.Id, CriterionId = leaf.Id };
            db.ParIndexScores.Add(score);
        }

        return new ParScoreWrite(framework, unit, leaf, score);
    }

    /// <summary>A change names the version it was made on: without one it could overwrite what it never saw (400).</summary>
    public static void RequireVersion(int? version, Microsoft.Extensions.Localization.IStringLocalizer text)
    {
        if (version is null)
        {
            new FieldErrors(text).Add("version", "Validation.Required").ThrowIfAny();
        }
    }

    public static void CheckPoints(FieldErrors errors, decimal? points, ParIndexCriterion leaf)
    {
        if (points is null || points < 0 || points > leaf.MaxPoints || decimal.Round(points.Value, 2) != points)
        {
            errors.Add("points", "ParIndex.BadPoints", Reporting.Outputs.ViText.Points(leaf.MaxPoints));
        }
    }
}
