using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>GET …/par-index/frameworks/{id}/units/{unitCode}</c>: a unit's scorecard for the year, every leaf criterion with how it was scored, and the
/// report of the points it lost and why: an automatic figure under its target (e.g. results attached under 100%, postal intake and return under
/// 10%), the appraiser's comment on an adjusted score, a criterion not assessed. The unit's staff and the province's see it; once published,
/// everyone.
/// </summary>
internal static class GetParIndexCard
{
    public sealed record ParCriterionResult(string Code, string Name, string AreaCode, string Scoring, decimal MaxPoints, decimal Points, decimal Lost,
        string? Measure, int? Part, int? Whole, decimal? Value, decimal? Target, decimal? SelfPoints, string? SelfExplanation, decimal? AppraisedPoints,
        string? AppraisalComment, int Version, IReadOnlyList<SelfAssessParCriterion.ParEvidenceFile> Evidence, string Reason);

    public sealed record ParUnitCardResponse(int FrameworkId, string ProvinceCode, int Year, string State, string UnitCode, string UnitName, string Subject,
        decimal Total, decimal MaxPoints, int Rank, int RankedUnits, decimal? Change, IReadOnlyList<RankParIndex.ParAreaResult> Areas,
        IReadOnlyList<ParCriterionResult> Criteria, IReadOnlyList<ParCriterionResult> LostPoints);

    public static async Task<Ok<ParUnitCardResponse>> Handle(int id, string unitCode, ParIndexCards cards, MotCuaDbContext db, CurrentActor actor,
        IStringLocalizer<ParIndexResource> text, CancellationToken cancellationToken)
    {
        var framework = await cards.FrameworkAsync(id, cancellationToken);
        var unit = await cards.UnitAsync(framework, unitCode, cancellationToken);
        if (framework.State != ParIndexState.Published && !actor.Covers(unit.Path))
        {
            throw ProblemException.Forbidden();
        }

        return TypedResults.Ok(await LoadAsync(cards, db, framework, unit, text, cancellationToken));
    }

    public static async Task<ParUnitCardResponse> LoadAsync(ParIndexCards cards, MotCuaDbContext db, ParIndexFramework framework, ParUnit unit,
        IStringLocalizer text, CancellationToken cancellationToken)
    {
        var card = await cards.CardAsync(framework, unit, cancellationToken);
        var ranking = await RankParIndex.RankAsync(cards, db, framework, unit.Subject, cancellationToken);
        var row = ranking.Rows.Single(r => r.UnitCode == unit.Code);
        var criteria = card.Leaves.Select(leaf =>
        {
            var c = leaf.Criterion;
            var s = leaf.Score;
            return new ParCriterionResult(c.Code, c.Name, ParIndexCards.AreaOf(framework, c).Code, c.Scoring!.Value.ToString(), c.MaxPoints, leaf.Points,
                c.MaxPoints - leaf.Points, c.Measure?.ToString(), leaf.Measured?.Part, leaf.Measured?.Whole, leaf.Measured?.Value, c.Target, s?.SelfPoints,
                s?.SelfExplanation, s?.AppraisedPoints, s?.AppraisalComment, s?.Version ?? 0,
                [.. (s?.Evidence ?? []).OrderBy(e => e.UploadedAt).Select(e => new SelfAssessParCriterion.ParEvidenceFile(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt))],
                Reason(leaf, text));
        }).ToList();
        return new ParUnitCardResponse(framework.Id, framework.ProvinceCode, framework.Year, framework.State.ToString(), unit.Code, unit.Name,
            unit.Subject.ToString(), card.Total, ranking.MaxPoints, row.Rank, ranking.Rows.Count, row.Change, row.Areas, criteria,
            [.. criteria.Where(c => c.Lost > 0)]);
    }

    /// <summary>Why a criterion scored what it did, in the words of the seed articles' lists of lost points.</summary>
    public static string Reason(ParLeaf leaf, IStringLocalizer text)
    {
        var c = leaf.Criterion;
        var s = leaf.Score;
        return c.Scoring switch
        {
            ParScoring.Automatic => leaf.Measured is not { Whole: > 0 } ratio
                ? text["ParIndex.Reason.NoData", text["ParIndex.Measure." + c.Measure]]
                : leaf.Points < c.MaxPoints
                    ? text["ParIndex.Reason.BelowTarget", text["ParIndex.Measure." + c.Measure], ViText.Rate(ratio.Value), ViText.Count(ratio.Part),
                        ViText.Count(ratio.Whole), ViText.Rate(c.Target)]
                    : text["ParIndex.Reason.Reached", text["ParIndex.Measure." + c.Measure], ViText.Rate(ratio.Value), ViText.Count(ratio.Part),
                        ViText.Count(ratio.Whole)],
            ParScoring.SelfAssessed => (s?.SelfPoints, s?.AppraisedPoints) switch
            {
                ({ } own, { } appraised) when appraised < own => text["ParIndex.Reason.Adjusted", ViText.Points(own), ViText.Points(appraised),
                    s!.AppraisalComment ?? ""],
                (_, not null) => text["ParIndex.Reason.Appraised", s!.AppraisalComment ?? ""],
                (not null, null) => text["ParIndex.Reason.Self", s!.SelfExplanation ?? ""],
                (null, null) => text["ParIndex.Reason.NotAssessed"],
            },
            ParScoring.Appraised => s?.AppraisedPoints is null ? text["ParIndex.Reason.NotAppraised"] : text["ParIndex.Reason.Appraised", s.AppraisalComment ?? ""],
            ParScoring.Survey => s?.AppraisedPoints is null ? text["ParIndex.Reason.NoSurvey"] : text["ParIndex.Reason.Survey", s.AppraisalComment ?? ""],
            null => "",
        };
    }
}
